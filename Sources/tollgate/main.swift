// The `tollgate` command: parses arguments and starts services. Nothing else lives here.
#if canImport(Glibc)
import Glibc
#endif
import ControlPlane

let usage = """
usage: tollgate <command> [options]

commands:
  echo --listen HOST:PORT     a test backend that echoes requests as JSON
"""

let arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else {
    print(usage)
    exit(2)
}
switch command {
case "help", "--help", "-h":
    print(usage)
case "bench-snapshot":  // hidden: bench/snapshot.sh
    exit(SnapshotBenchmark.main(Array(arguments.dropFirst())))
default:
    print("tollgate: unknown command '\(command)'\n\n\(usage)")
    exit(2)
}
