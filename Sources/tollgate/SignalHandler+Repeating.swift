import Shared

extension SignalHandler {
    /// Starts a thread named `threadName` that calls `body` for every one of the signals received,
    /// one at a time, for the life of the process (SIGHUP reloads). The signals must have been
    /// blocked before any other thread started (`init`); signals arriving while `body` runs stay
    /// pending and are delivered after it (several of one kind may merge into one).
    func onEverySignal(threadName: String, _ body: @escaping @Sendable (Int32) -> Void) {
        let signals = signals
        _ = Syscall.spawnThread(name: threadName) {
            while true { body(Syscall.waitForSignal(signals)) }
        }
    }

    /// Like `onEverySignal`, and also calls `idle` whenever `intervalNanos` pass without a signal
    /// (the TLS certificate files' poll), on the same thread.
    func onEverySignal(threadName: String, idleEvery intervalNanos: Int64, _ idle: @escaping @Sendable () -> Void,
                       _ body: @escaping @Sendable (Int32) -> Void) {
        let signals = signals
        _ = Syscall.spawnThread(name: threadName) {
            while true {
                if let signal = Syscall.waitForSignal(signals, timeoutNanos: intervalNanos) {
                    body(signal)
                } else {
                    idle()
                }
            }
        }
    }
}
