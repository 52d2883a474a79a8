import Foundation

// `SnapshotBench [--apis N] [--resources N] [--runs N]`: run by bench/snapshot.sh (release build).
exit(SnapshotBenchmark.main(Array(CommandLine.arguments.dropFirst())))
