import Echo
import Shared
#if canImport(Glibc)
import Glibc
#endif

/// `tollgate echo --listen HOST:PORT [--threads N] [--grace SECONDS] [--tls-cert FILE --tls-key FILE]`:
/// the echo test backend.
///
/// Prints `listening on HOST:PORT` once bound (port 0 picks one; `listening on HOST:PORT (TLS)`
/// with `--tls-cert` and `--tls-key`, which make it serve HTTPS there instead: the HTTPS upstream
/// of `bench/tls.sh`), serves until SIGTERM/SIGINT, then shuts down gracefully (in-flight requests
/// get up to `--grace` seconds, default 5).
enum EchoCommand {
    static let flags: Set<String> = ["listen", "threads", "grace", "tls-cert", "tls-key"]

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

        let tls = try tlsContext(options)

        ServiceRunner.run("echo", signals: signals) {
            let group = EventLoopGroup(threads: threads)
            var configuration = HTTPServer.Configuration(host: host, port: port)
            configuration.tls = tls
            let server = HTTPServer(configuration: configuration, group: group, handler: EchoHandler())
            let bound: Int
            do {
                bound = try server.start()
            } catch {
                group.shutdown()
                throw error
            }
            return (["listening on \(hostForURL(host)):\(bound)" + (tls == nil ? "" : " (TLS)")], {
                await server.shutdown(gracePeriod: .milliseconds(Int(grace * 1000)))
                group.shutdown()
            })
        }
    }

    /// `--tls-cert FILE --tls-key FILE`: both or neither (nil); read and checked here, so a bad
    /// file is a startup error.
    static func tlsContext(_ options: CommandOptions) throws(UsageError) -> TLSContext? {
        switch (options.value("tls-cert"), options.value("tls-key")) {
        case (nil, nil):
            return nil
        case let (certificate?, key?):
            do {
                return try TLSContext(certificateChainFile: certificate, privateKeyFile: key)
            } catch {
                throw UsageError("--tls-cert/--tls-key: \(error.description)")
            }
        default:
            throw UsageError("--tls-cert and --tls-key go together")
        }
    }
}
