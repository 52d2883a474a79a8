#if canImport(Glibc)
import Glibc
#endif

// `LimitsBench [--requests N]`: run by bench/limits.sh (release build).
exit(LimitsFilterBenchmark.main(Array(CommandLine.arguments.dropFirst())))
