#if canImport(Glibc)
import Glibc
#endif

/// Turns SIGTERM/SIGINT into a callback or a blocking wait, for graceful shutdown.
///
/// `init` blocks the signals in the calling thread; threads started afterwards inherit the mask,
/// so create the handler first thing in `main`, before any event loop or Dispatch thread exists.
/// Then either `wait()` on one thread, or `onSignal` to get a callback on a dedicated `sigwait`
/// thread. No async-signal-safety concerns: the signal is received synchronously.
package struct SignalHandler: Sendable {
    package let signals: [Int32]

    /// Blocks `signals` (default SIGTERM and SIGINT) in the calling thread.
    package init(signals: [Int32] = [SIGTERM, SIGINT]) {
        self.signals = signals
        Syscall.blockSignals(signals)
    }

    /// Blocks the calling thread until one of the signals arrives; returns it.
    package func wait() -> Int32 {
        Syscall.waitForSignal(signals)
    }

    /// Starts a thread that calls `body` once with the first signal received.
    package func onSignal(_ body: @escaping @Sendable (Int32) -> Void) {
        let signals = signals
        _ = Syscall.spawnThread(name: "tollgate-signals") {
            body(Syscall.waitForSignal(signals))
        }
    }
}
