import Shared

/// The `tollgate-reload` thread of a process with a `--tls-listen` listener (`tollgate data-plane`,
/// `tollgate control-plane`; issue 15).
///
/// Every SIGHUP re-reads the certificate and key and logs one line, component `tls` (reloaded at
/// info, not reloaded and why at error: the old certificate keeps serving; without a TLS listener,
/// nothing to reload at warn). With a listener the same thread polls the two files every 2 s and
/// reloads them whenever they differ from the ones serving, also again after a failed load
/// (`TLSReloader`; a failure is logged once per change). SIGHUP never ends the process.
enum TLSReloadThread {
    /// Starts the thread. `signals` must block SIGHUP and have been made before any thread started;
    /// `poll` and `hangUp` are the process's `pollTLSFiles` and `reloadTLSOnHangUp`.
    static func start(signals: SignalHandler, log: ProcessLog, reloader: TLSReloader?,
                      poll: @escaping @Sendable () -> String?, hangUp: @escaping @Sendable () -> String) {
        let log = log.with(component: "tls")
        guard let reloader else {
            signals.onEverySignal(threadName: "tollgate-reload") { _ in log.warn(hangUp()) }
            return
        }
        // The level follows the reloader's state after the attempt: failing → error.
        let emit: @Sendable (String) -> Void = { line in
            if reloader.counters.failing { log.error(line) } else { log.info(line) }
        }
        signals.onEverySignal(threadName: "tollgate-reload", idleEvery: TLSFileWatch.pollIntervalNanos, {
            if let line = poll() { emit(line) }
        }) { _ in
            emit(hangUp())
        }
    }
}
