import ControlPlane
import Foundation
import Shared
import Synchronization

/// `tollgate rollback|audit|nodes --control-plane URL …`: operator tools over the admin API.
///
/// Credentials come from `--admin-access-key-id` with `--admin-secret-access-key-file` (or the
/// secret as a flag, with a warning), their `TOLLGATE_…` variables, or
/// `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`; requests are SigV4-signed. An `https://`
/// `--control-plane` is verified against the system CA store plus `--ca-file` (a PEM bundle: the
/// CA of a private or `tollgate dev --tls` certificate); a file that does not load is a usage error.
///
/// `tollgate audit --follow [--interval SECONDS] [--max-polls N]` keeps polling (default every 2 s)
/// and prints each new entry once, in order; it stops on SIGINT/SIGTERM (exit 0) or after N polls.
enum AdminToolCommand {
    /// The flags every tool takes: where the control plane is and how to sign.
    static let commonFlags: Set<String> = ["control-plane", "admin-access-key-id", "admin-secret-access-key", "region", "ca-file"]

    /// The flags `tool` accepts (its parser and its `--help` use this).
    static func flags(for tool: String) -> Set<String> {
        switch tool {
        case "rollback": return commonFlags.union(["rest-api-id", "stage", "to"])
        case "audit": return commonFlags.union(["since", "limit"]).union(switches(for: tool)).union(["interval", "max-polls"])
        default: return commonFlags
        }
    }

    /// The boolean switches `tool` accepts (`audit --follow`).
    static func switches(for tool: String) -> Set<String> {
        tool == "audit" ? ["follow"] : []
    }

    /// `--interval SECONDS` (0.1–3600, default 2) and `--max-polls N` (positive; nil: until a signal)
    /// of `audit --follow`; either without `--follow` is a usage error, not ignored.
    static func followSettings(_ options: CommandOptions) throws(UsageError) -> (interval: Duration, maxPolls: Int?)? {
        guard options.flag("follow") else {
            if options.value("interval") != nil || options.value("max-polls") != nil {
                throw UsageError("--interval and --max-polls go with --follow")
            }
            return nil
        }
        let seconds = try options.value("interval").map { (text: String) throws(UsageError) -> Double in
            guard let seconds = Double(text), seconds >= 0.1, seconds <= 3600 else { throw UsageError("--interval takes seconds between 0.1 and 3600") }
            return seconds
        } ?? 2
        let maxPolls = try options.value("max-polls").map { (text: String) throws(UsageError) -> Int in
            guard let count = Int(text), count > 0 else { throw UsageError("--max-polls takes a positive number") }
            return count
        }
        return (.milliseconds(Int64((seconds * 1000).rounded())), maxPolls)
    }

    /// The client's TLS contexts: the system store plus `--ca-file` when given (read here, so a bad
    /// file is a usage error before anything is sent).
    static func clientContexts(_ options: CommandOptions) throws(UsageError) -> TLSClientContexts? {
        guard let path = options.value("ca-file"), !path.isEmpty else { return TLSClientContexts.system }
        do {
            return try TLSClientContexts(caFile: path)
        } catch {
            throw UsageError("--ca-file: \(error.description)")
        }
    }

    static func run(_ tool: String, _ arguments: [String]) throws(UsageError) -> Never {
        let options = try CommandOptions(arguments, known: flags(for: tool), switches: switches(for: tool))
        let follow = tool == "audit" ? try followSettings(options) : nil
        // Blocked before any thread starts, so the follower hears SIGINT/SIGTERM and stops cleanly.
        let signals = follow.map { _ in SignalHandler() }
        options.printWarnings(tool)
        let url = try options.require("control-plane", why: "the admin endpoint, e.g. http://127.0.0.1:4000")
        guard let endpoint = HTTPEndpointAddress(url) else { throw UsageError("--control-plane must look like http://HOST:PORT or https://HOST[:PORT]") }
        let tls = try clientContexts(options)
        guard let accessKey = options.value("admin-access-key-id") ?? ProcessInfo.processInfo.environment["AWS_ACCESS_KEY_ID"],
              let secret = try options.secret("admin-secret-access-key") ?? ProcessInfo.processInfo.environment["AWS_SECRET_ACCESS_KEY"] else {
            throw UsageError("admin credentials are needed: --admin-access-key-id with --admin-secret-access-key-file, "
                             + "TOLLGATE_ADMIN_ACCESS_KEY_ID/TOLLGATE_ADMIN_SECRET_ACCESS_KEY, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY")
        }
        let group = EventLoopGroup(threads: 1)
        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.tls = tls
        let client = AdminClient(endpoint: endpoint, credentials: SigV4Credentials(accessKeyId: accessKey, secretAccessKey: secret),
                                 region: options.value("region") ?? "us-east-1", client: HTTPClient(group: group, configuration: clientConfiguration))
        let tools = AdminTools(client: client)
        let outcome = Outcome()
        switch tool {
        case "rollback":
            let apiId = try options.require("rest-api-id")
            let stage = try options.require("stage")
            let to = options.value("to")
            blockOn { await outcome.finish { try await tools.rollback(restApiId: apiId, stage: stage, to: to) } }
        case "audit":
            let since = try options.value("since").map(AdminTools.parseSince) ?? 0
            let limit = Int(options.value("limit") ?? "1000") ?? 1000
            if let follow, let signals {
                let stop = Mutex(false)
                signals.onSignal { _ in stop.withLock { $0 = true } }
                let stopped: @Sendable () -> Bool = { stop.withLock { $0 } }
                blockOn {
                    await tools.follow(since: since, limit: limit, interval: follow.interval, maxPolls: follow.maxPolls, stopped: stopped,
                                       sleep: { interval in
                                           // In slices, so a signal stops the follower within 100 ms.
                                           let deadline = ContinuousClock.now + interval
                                           while !stopped(), ContinuousClock.now < deadline {
                                               try? await Task.sleep(for: min(.milliseconds(100), deadline - ContinuousClock.now))
                                           }
                                       },
                                       print: { text in
                                           Swift.print(text, terminator: "")
                                           fflush(nil)
                                       },
                                       warn: { printWarning(tool, $0) })
                }
                group.shutdown()
                exit(0)
            }
            blockOn { await outcome.finish { try await tools.audit(since: since, limit: limit) } }
        default:
            blockOn { await outcome.finish { try await tools.nodes() } }
        }
        group.shutdown()
        if let error = outcome.error { fail("tollgate \(tool): \(error)") }
        print(outcome.text, terminator: "")
        exit(0)
    }
}

/// Collects the text or error of one tool run across the async hop.
private final class Outcome: @unchecked Sendable {
    // Safe: written once by the task before `blockOn` returns, read after.
    var text = ""
    var error: (any Error)?

    func finish(_ body: () async throws -> String) async {
        do { text = try await body() } catch { self.error = error }
    }
}
