import Dispatch
import Shared
#if canImport(Glibc)
import Glibc
#endif

/// How every long-running `tollgate` command lives: start, say where it listens, serve until
/// SIGTERM/SIGINT, shut down gracefully, exit 0.
///
/// `signals` must have been created before any thread was started (first thing in the command), so
/// every thread inherits the blocked mask and the signal is received here synchronously.
enum ServiceRunner {
    /// Calls `start` (which returns the lines to print and the shutdown work), or exits 1 with
    /// `"tollgate NAME: cannot start: …"` if it throws; then waits for a signal and runs the shutdown.
    static func run(_ name: String, signals: SignalHandler,
                    start: () throws -> (banner: [String], shutdown: @Sendable () async -> Void)) -> Never {
        let started: (banner: [String], shutdown: @Sendable () async -> Void)
        do {
            started = try start()
        } catch {
            fail("tollgate \(name): cannot start: \(error)")
        }
        for line in started.banner { print(line) }
        fflush(nil)
        _ = signals.wait()
        blockOn(started.shutdown)
        exit(0)
    }
}

/// Writes one line to standard error and exits 1.
func fail(_ message: String) -> Never {
    let line = message + "\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
    exit(1)
}

/// Runs async work from synchronous `main` code and waits for it.
func blockOn(_ body: @escaping @Sendable () async -> Void) {
    let done = DispatchSemaphore(value: 0)
    Task {
        await body()
        done.signal()
    }
    done.wait()
}

/// Brackets IPv6 literals for URLs.
func hostForURL(_ host: String) -> String { host.contains(":") ? "[\(host)]" : host }
