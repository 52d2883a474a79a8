import Synchronization

/// Reloads a node's `--tls-listen` certificate when its files change and on SIGHUP (issue 15),
/// keeping the old one serving whenever the new files do not load.
///
/// Driven by the node's `tollgate-reload` thread: `tick` every `TLSFileWatch.pollIntervalNanos`
/// (2 s) without a signal, `hangUp` on SIGHUP; both answer the line to log. A tick loads the
/// files whenever their state differs from the one serving — so after a failed load (key of
/// another certificate, half-written file, unreadable file) every tick tries again until one
/// succeeds, with no signal — and logs a failure once per distinct file state and reason. A
/// SIGHUP loads whatever the state and always logs. The load itself is passed in (the node's
/// blocking swap onto every loop; a stand-in in tests), so this type holds no server. The
/// counters are read by the metrics (`tollgate_tls_*`) from any thread; `tick` and `hangUp`
/// run on one thread at a time and never hold a lock while loading.
package final class TLSReloader: Sendable {
    /// What the reloads did since the node started.
    package struct Counters: Sendable, Equatable {
        /// Polls of the files (ticks).
        package var polls = 0
        /// Loads that succeeded (the new certificate serves new connections).
        package var reloads = 0
        /// Loads that failed (the old certificate kept serving); each retry counts.
        package var failures = 0
        /// Whether the last load failed.
        package var failing = false

        package init() {}
    }

    /// Builds the context from the files and swaps it in; throws (swapping nothing) when they do not load.
    package typealias Load = () throws(TLSError) -> Void

    private let certificateFile: String
    private let keyFile: String
    private let watch: Mutex<TLSFileWatch>
    private let counts = Mutex(Counters())

    /// Watches `listener`'s two files from the state its context was read from.
    package convenience init(listener: TLSListener) {
        self.init(certificateFile: listener.certificateFile, keyFile: listener.keyFile, loaded: listener.loadedState)
    }

    /// Watches the two files; `signature` is injected by tests (default: `stat(2)`).
    package init(certificateFile: String, keyFile: String, loaded: TLSFileWatch.State? = nil,
                 signature: @escaping @Sendable (String) -> TLSFileWatch.Signature? = TLSFileWatch.signature(of:)) {
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        watch = Mutex(TLSFileWatch(paths: [certificateFile, keyFile], loaded: loaded, signature: signature))
    }

    /// The counters now (any thread).
    package var counters: Counters { counts.withLock { $0 } }

    /// One poll: loads the files when they differ from the ones serving; the line to log, or nil
    /// (nothing changed, or a failure already logged for this state).
    package func tick(load: Load) -> String? {
        counts.withLock { $0.polls += 1 }
        guard let state = watch.withLock({ $0.poll() }) else { return nil }
        let outcome = attempt(state, reason: "TLS certificate files changed", load: load)
        return outcome.news ? outcome.line : nil
    }

    /// SIGHUP: loads the files whatever their state; the line to log (always one).
    package func hangUp(load: Load) -> String {
        attempt(watch.withLock { $0.current() }, reason: "SIGHUP", load: load).line
    }

    /// Loads `state` (read before loading, so a file replaced meanwhile is loaded again next
    /// tick); the line saying how it went, and whether it is news (a success, or a failure not
    /// logged yet for this state and reason).
    private func attempt(_ state: TLSFileWatch.State, reason: String, load: Load) -> (line: String, news: Bool) {
        do throws(TLSError) {
            try load()
        } catch {
            let news = watch.withLock { $0.failed(state, reason: error.description) }
            counts.withLock {
                $0.failures += 1
                $0.failing = true
            }
            return ("\(reason): TLS certificate not reloaded, the old one keeps serving: \(error.description)"
                    + " (tried again every 2 s while the files differ from the ones serving; logged once per change)", news)
        }
        watch.withLock { $0.succeeded(state) }
        counts.withLock {
            $0.reloads += 1
            $0.failing = false
        }
        return ("\(reason): TLS certificate reloaded from \(certificateFile) and \(keyFile)", true)
    }
}
