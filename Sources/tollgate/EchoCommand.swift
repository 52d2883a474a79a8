import Echo
import Shared
#if canImport(Glibc)
import Glibc
#endif

/// `tollgate echo --listen HOST:PORT [--threads N] [--grace SECONDS]`: the echo test backend.
///
/// Prints `listening on HOST:PORT` once bound (port 0 picks one), serves until SIGTERM/SIGINT,
/// then shuts down gracefully (in-flight requests get up to `--grace` seconds, default 5).
enum EchoCommand {
    static let flags: Set<String> = ["listen", "threads", "grace"]

    static func run(_ arguments: [String]) throws(UsageError) -> Never {
        let signals = SignalHandler()
        let options = try CommandOptions(arguments, known: flags)
        let (host, port) = try parseHostPort(options.value("listen") ?? "127.0.0.1:8080")
        let threads = try options.value("threads").map { (text: String) throws(UsageError) -> Int in
            guard let n = Int(text), n > 0 else { throw UsageError("--threads must be a positive integer") }
            return n
        } ?? EventLoopGroup.onlineCores
        guard let grace = Double(options.value("grace") ?? "5"), grace >= 0 else {
            throw UsageError("--grace must be a number of seconds")
        }

        ServiceRunner.run("echo", signals: signals) {
            let group = EventLoopGroup(threads: threads)
            let server = HTTPServer(configuration: .init(host: host, port: port), group: group, handler: EchoHandler())
            let bound: Int
            do {
                bound = try server.start()
            } catch {
                group.shutdown()
                throw error
            }
            return (["listening on \(hostForURL(host)):\(bound)"], {
                await server.shutdown(gracePeriod: .milliseconds(Int(grace * 1000)))
                group.shutdown()
            })
        }
    }
}
