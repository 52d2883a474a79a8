/// What `tollgate COMMAND --help` prints: a summary line and every flag the command accepts.
///
/// The flag list is the command's own `flags` set (the one its parser uses), so a flag added to a
/// command shows up here without further work; `descriptions` adds the placeholder and one line of
/// text for the flags it knows. Secret flags are listed with their `-file` form first.
struct CommandHelp {
    let command: String
    let summary: String
    let flags: Set<String>
    /// Descriptions that differ from the shared ones for this command.
    var overrides: [String: (value: String, text: String)] = [:]

    /// The help of each documented command, or nil for an unknown one.
    static func forCommand(_ command: String) -> CommandHelp? {
        switch command {
        case "dev":
            return CommandHelp(command: command, summary: "a control plane, one data-plane node and an echo backend in one process, with a copy-paste aws CLI session (start here)", flags: DevCommand.flags)
        case "control-plane":
            return CommandHelp(command: command, summary: "the admin API (SigV4) and the snapshot long-poll, on SQLite; also the quota observer of the limits gossip", flags: ControlPlaneCommand.flags,
                               overrides: ["gossip": ("HOST:PORT|off", "UDP address of the quota observer (default: the --listen address and port; off: none, quotas run in fast mode)"),
                                           "listen": ("HOST:PORT|off", "where the admin API listens over plain HTTP (default 127.0.0.1:4000; off: only --tls-listen)"),
                                           "lambda-endpoint": ("URL", "the Lambda Invoke API that TestInvokeMethod and TestInvokeAuthorizer call (give it your nodes' value)")])
        case "data-plane":
            return CommandHelp(command: command, summary: "a gateway node: serves deployed APIs from snapshots it long-polls from the control plane", flags: DataPlaneCommand.flags)
        case "lambda-runner":
            return CommandHelp(command: command, summary: "a local Lambda: the Invoke API on --listen, the Lambda Runtime API for the commands it starts (one process per function)", flags: LambdaRunnerCommand.flags,
                               overrides: ["listen": ("HOST:PORT", "where the Invoke API listens (default 127.0.0.1:9001, port 0 picks one)")])
        case "echo":
            return CommandHelp(command: command, summary: "a test backend that echoes requests as JSON", flags: EchoCommand.flags,
                               overrides: ["tls-cert": ("FILE", "serve HTTPS on --listen with this PEM certificate chain, leaf first (with --tls-key)"),
                                           "tls-key": ("FILE", "unencrypted PEM private key of --tls-cert")])
        case "rollback":
            return CommandHelp(command: command, summary: "point a stage back at the deployment it had before its current one (repeat to walk further back), or at --to", flags: AdminToolCommand.flags(for: command),
                               overrides: adminToolOverrides)
        case "audit":
            return CommandHelp(command: command, summary: "print the admin audit log (with --follow, keep printing new entries)", flags: AdminToolCommand.flags(for: command),
                               overrides: adminToolOverrides.merging(["interval": ("SECONDS", "with --follow: time between polls (default 2)")]) { $1 })
        case "nodes":
            return CommandHelp(command: command, summary: "list data-plane nodes: status, applied revision, last error, and the stage canaries they serve", flags: AdminToolCommand.flags(for: command),
                               overrides: adminToolOverrides)
        case "top":
            return CommandHelp(command: command, summary: "a live view of the cluster from the nodes' /_tollgate/metrics, refreshed in place", flags: TopCommand.flags,
                               overrides: ["nodes": ("URL,URL…", "the nodes to watch: http://HOST:PORT of the API listener or of --metrics-listen, or https://HOST:PORT of --tls-listen"),
                                           "ca-file": ("FILE", "PEM CA bundle trusted for https:// nodes, beside the system store"),
                                           "interval": ("SECONDS", "time between refreshes (default 2)"),
                                           "frames": ("N", "stop after N frames (default: until Ctrl-C)")])
        case "backup":
            return CommandHelp(command: command, summary: "write a consistent copy of the control plane's database (safe while it runs)", flags: BackupCommand.flags,
                               overrides: ["to": ("FILE", "where the copy goes (must not exist yet)"),
                                           "data-dir": ("DIR", "the control plane's data directory")])
        default:
            return nil
        }
    }

    /// What `--ca-file` means for `rollback`, `audit` and `nodes`.
    static let adminToolOverrides: [String: (value: String, text: String)] = [
        "ca-file": ("FILE", "PEM CA bundle trusted for an https --control-plane, beside the system store"),
    ]

    /// Placeholder and description of each flag, shared by the commands that take it.
    static let descriptions: [String: (value: String, text: String)] = [
        "listen": ("HOST:PORT", "where to listen (port 0 picks a free port)"),
        "data-dir": ("DIR", "the control plane's SQLite database lives here (created 0700, files 0600)"),
        "state-dir": ("DIR", "where the node keeps its last good snapshot"),
        "access-log-dir": ("DIR", "where stages' access logs are written ({log group}.log; default: stdout, prefixed access-log)"),
        "dir": ("DIR", "state directory (default ./.tollgate)"),
        "host": ("HOST", "address every dev service binds (default 127.0.0.1)"),
        "admin-port": ("PORT", "dev admin API port (default 4000, 0 picks one)"),
        "port": ("PORT", "dev gateway port (default 4001, 0 picks one)"),
        "echo-port": ("PORT", "dev echo backend port (default 4002, 0 picks one)"),
        "region": ("REGION", "region reported and signed for (default us-east-1)"),
        "account-id": ("ACCOUNT", "account id reported (default 000000000000)"),
        "admin-access-key-id": ("ID", "the admin access key id requests are signed with"),
        "admin-secret-access-key": ("SECRET", "the admin secret as an argument (visible in ps: prefer the -file form)"),
        "admin-secret-access-key-file": ("FILE", "file holding the admin secret access key (trailing newline ignored)"),
        "cluster-secret": ("SECRET", "the cluster secret as an argument (visible in ps: prefer the -file form)"),
        "cluster-secret-file": ("FILE", "file holding the secret shared by the control plane and its nodes"),
        "threads": ("N", "event-loop threads"),
        "gossip": ("HOST:PORT", "UDP address for the cluster-limits gossip"),
        "gossip-advertise": ("HOST:PORT", "the gossip address peers are told, when it differs from the bound one"),
        "gossip-interval": ("MS", "gossip round interval in milliseconds (default 100)"),
        "control-plane": ("URL", "the control plane's http://HOST:PORT or https://HOST[:PORT] (verified against the system store and --ca-file)"),
        "node-id": ("ID", "this node's name in the control plane's node table"),
        "lambda-endpoint": ("URL", "the Lambda Invoke API for AWS_PROXY integrations"),
        "authorizer-timeout": ("MS", "how long a Lambda authorizer may take (default 10000)"),
        "user-pools": ("FILE", "JSON: user-pool ARN -> {issuer, jwksUri} for COGNITO_USER_POOLS authorizers"),
        "aws-endpoint": ("URL", "one http://HOST:PORT for every AWS service integration (LocalStack, moto server)"),
        "otlp-endpoint": ("URL", "OTLP/HTTP collector for spans of stages with tracingEnabled (http://HOST:4318/v1/traces; default: stdout, prefixed otlp-traces)"),
        "aws-credentials": ("FILE", "JSON: IAM role ARN (and \"default\") -> {accessKeyId, secretAccessKey, sessionToken?} signing AWS calls"),
        "limits": ("on|off", "off skips throttles and quotas, the API key check still runs (only to measure their cost)"),
        "max-snapshot-bytes": ("BYTES", "largest snapshot the node takes (default 1GiB; a larger one is refused, the old one serves)"),
        "trusted-proxies": ("CIDRS", "proxies whose X-Forwarded-For names the client for aws:SourceIp (default none: the socket's peer)"),
        "max-buffered-body-bytes": ("BYTES", "body memory of the whole node (default 512MiB; a body that does not fit gets 503)"),
        "tls": ("", "serve the admin API (HTTPS only) and the node over TLS with a generated local CA; prints the curl/aws flags that trust it"),
        "tls-port": ("PORT", "with --tls: the node's HTTPS port (default 4003, 0 picks one)"),
        "tls-listen": ("HOST:PORT", "also serve HTTPS here (with --tls-cert and --tls-key; port 0 picks a free port)"),
        "tls-cert": ("FILE", "PEM certificate chain for --tls-listen, leaf first (re-read on SIGHUP and when it changes)"),
        "tls-key": ("FILE", "unencrypted PEM private key of --tls-cert (re-read on SIGHUP and when it changes)"),
        "ca-file": ("FILE", "PEM CA bundle trusted for https integrations, Lambda, JWKS and an https control plane, beside the system store"),
        "metrics-listen": ("HOST:PORT", "serve GET /_tollgate/metrics here only, not on the API listener (port 0 picks one)"),
        "metrics": ("on|off", "off stops counting requests (only to measure the cost; node metrics are still served)"),
        "function": ("NAME=COMMAND", "run COMMAND (sh -c, repeatable; NAME[HANDLER]=COMMAND sets _HANDLER) as Lambda function NAME on the Runtime API"),
        "function-timeout": ("SECONDS", "per-invocation timeout of --function processes (default 3, Lambda's; 1-900)"),
        "function-queue": ("N", "invocations waiting per --function beyond the one running (default 10; more get 429)"),
        "grace": ("SECONDS", "how long in-flight requests may finish at shutdown (default 5)"),
        "rest-api-id": ("ID", "the REST API"),
        "stage": ("NAME", "the stage"),
        "to": ("DEPLOYMENT_ID", "the deployment to point the stage at (default: the one before the current one)"),
        "since": ("TIME", "entries from this time: 2026-11-21, 2026-11-21T10:00:00Z or epoch seconds"),
        "limit": ("N", "at most N entries (default 1000; with --follow, per poll)"),
        "follow": ("", "keep polling and print each new entry once, in order, until Ctrl-C"),
        "max-polls": ("N", "with --follow: stop after N polls (default: until Ctrl-C)"),
        "log-level": ("debug|info|warn|error", "least important process-log lines written to stderr (default info)"),
        "log-format": ("json|text|auto", "process-log lines as JSON objects or text (default auto: text on a terminal, else JSON)"),
    ]

    /// The text printed for `tollgate COMMAND --help`.
    var text: String {
        var names = flags.union(CommandOptions.secretNames.intersection(flags).map { $0 + "-file" }).sorted()
        // A secret's file form first: it is the one to use.
        for secret in CommandOptions.secretNames.sorted() {
            if let index = names.firstIndex(of: secret), let fileIndex = names.firstIndex(of: secret + "-file") {
                names.swapAt(index, fileIndex)
            }
        }
        var lines = ["usage: tollgate \(command) [options]", "", summary, "", "options:"]
        let rows = names.map { name -> (String, String) in
            let description = overrides[name] ?? Self.descriptions[name]
            // A switch (`--follow`) has an empty placeholder: no value follows it.
            let value = description?.value ?? "VALUE"
            return ("--\(name)" + (value.isEmpty ? "" : " " + value), description?.text ?? "")
        }
        let width = min(40, (rows.map(\.0.count).max() ?? 0) + 2)
        for (flag, text) in rows {
            let padded = flag.count >= width ? flag + "  " : flag + String(repeating: " ", count: width - flag.count)
            lines.append("  " + padded + text)
        }
        lines.append("")
        lines.append("Every --flag can also be set as TOLLGATE_FLAG (e.g. TOLLGATE_DATA_DIR); a secret also as TOLLGATE_FLAG_FILE.")
        return lines.joined(separator: "\n")
    }
}
