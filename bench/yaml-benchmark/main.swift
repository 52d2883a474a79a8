#if canImport(Glibc)
import Glibc
#endif

// `YAMLBench time FILE ROUNDS | to-json FILE | to-yaml FILE`: run by bench/yaml.sh (release) and
// by tests/interop/test_yaml_interop.py (the debug build next to `tollgate`).
exit(YAMLBenchmark.main(Array(CommandLine.arguments.dropFirst())))
