// The `tollgate` command: parses arguments and starts services. Nothing else lives here.
#if canImport(Glibc)
import Glibc
#endif
import ControlPlane
import DataPlane

let usage = """
usage: tollgate <command> [options]

commands:
  dev [--dir DIR] [--admin-port P] [--port P] [--echo-port P] [--function NAME=COMMAND ...]
                              a control plane, one data-plane node and an echo backend in one
                              process, with a copy-paste aws CLI session (start here)
  control-plane --listen HOST:PORT --data-dir DIR --admin-access-key-id ID
                --admin-secret-access-key-file FILE --cluster-secret-file FILE [--region R] [--account-id A]
                [--gossip HOST:PORT] [--gossip-advertise HOST:PORT] [--gossip-interval MS]
                              the admin API (SigV4) and the snapshot long-poll, on SQLite;
                              with --gossip also the quota observer of the cluster limits
  data-plane --listen HOST:PORT --control-plane URL --state-dir DIR --node-id ID --cluster-secret-file FILE
             [--gossip HOST:PORT] [--gossip-advertise HOST:PORT] [--gossip-interval MS]
             [--threads N] [--lambda-endpoint URL] [--region R] [--account-id A]
             [--tls-listen HOST:PORT --tls-cert FILE --tls-key FILE] [--ca-file FILE]
                              a gateway node: serves deployed APIs from snapshots it long-polls,
                              enforcing API keys, throttles and quotas shared over gossip
  rollback --control-plane URL --rest-api-id ID --stage NAME [--to DEPLOYMENT_ID]
                              point a stage back at the deployment before its current one
                              (repeat to walk further back)
  audit --control-plane URL [--since DATE|ISO-8601|EPOCH] [--follow [--interval SECONDS] [--max-polls N]]
                              print the admin audit log; --follow keeps printing new entries
  nodes --control-plane URL   list data-plane nodes: status (live or silent since), applied revision, last error
  top --nodes URL[,URL...] [--interval SECONDS]
                              a live view of the cluster from the nodes' metrics: requests/s, errors,
                              p50/p99 latency, revision, gossip peers; the busiest stages
  lambda-runner --listen HOST:PORT --function NAME=COMMAND ... [--function-timeout S]
                              a local Lambda: the Invoke API for nodes, the Runtime API for the
                              commands it starts (the runner tollgate dev --function starts)
  echo --listen HOST:PORT [--threads N] [--grace SECONDS]
                              a test backend that echoes requests as JSON
  backup --data-dir DIR --to FILE
                              a consistent copy of the control plane's database (safe while it runs)

`tollgate COMMAND --help` lists a command's options; `tollgate --version` prints the version.
Every --flag can also be set as TOLLGATE_FLAG (e.g. TOLLGATE_DATA_DIR); secrets as files with
--cluster-secret-file / --admin-secret-access-key-file or TOLLGATE_CLUSTER_SECRET_FILE.
"""

let arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else {
    print(usage)
    exit(2)
}
let rest = Array(arguments.dropFirst())
if rest.contains("--help") || rest.contains("-h"), let help = CommandHelp.forCommand(command) {
    print(help.text)
    exit(0)
}
do {
    switch command {
    case "help", "--help", "-h":
        if let topic = rest.first, let help = CommandHelp.forCommand(topic) { print(help.text) } else { print(usage) }
    case "--version", "version":
        print(TollgateVersion.line)
    case "dev":
        try DevCommand.run(rest)
    case "echo":
        try EchoCommand.run(rest)
    case "lambda-runner":
        try LambdaRunnerCommand.run(rest)
    case "control-plane":
        try ControlPlaneCommand.run(rest)
    case "data-plane":
        try DataPlaneCommand.run(rest)
    case "rollback", "audit", "nodes":
        try AdminToolCommand.run(command, rest)
    case "backup":
        try BackupCommand.run(rest)
    case "top":
        try TopCommand.run(rest)
    default:
        print("tollgate: unknown command '\(command)'\n\n\(usage)")
        exit(2)
    }
} catch {
    fail("tollgate \(command): \(error)")
}
