// The `tollgate` command: parses arguments and starts services. Nothing else lives here.
#if canImport(Glibc)
import Glibc
#endif

let usage = """
usage: tollgate <command> [options]

commands:
  echo --listen HOST:PORT [--threads N] [--grace SECONDS]
                              a test backend that echoes requests as JSON
"""

let arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else {
    print(usage)
    exit(2)
}
switch command {
case "help", "--help", "-h":
    print(usage)
case "echo":
    do {
        try EchoCommand.run(Array(arguments.dropFirst()))
    } catch {
        print("tollgate echo: \(error)\n\n\(usage)")
        exit(2)
    }
default:
    print("tollgate: unknown command '\(command)'\n\n\(usage)")
    exit(2)
}
