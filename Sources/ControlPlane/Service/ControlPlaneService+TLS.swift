import Dispatch
import Shared

/// The HTTPS listener's certificate reload (issue 15), as a node does it: the same `TLSListener`
/// files, `TLSReloader` decisions and `HTTPServer.reloadTLS` swap onto every loop.
extension ControlPlaneService {
    /// Re-reads the certificate and key files and hands the new context to every loop, returning
    /// once each has it; open connections keep the old one. A pair that does not load throws and
    /// swaps nothing (the old certificate keeps serving). Without `--tls-listen` does nothing.
    /// Call off the loops (the `tollgate-reload` thread).
    package func reloadTLS() throws(TLSError) {
        guard let listener = configuration.tls, let tlsServer else { return }
        let context = try TLSContext(certificateChainFile: listener.certificateFile, privateKeyFile: listener.keyFile)
        let done = DispatchSemaphore(value: 0)
        tlsServer.reloadTLS(context) { done.signal() }
        done.wait()
    }

    /// One poll of the certificate files (every 2 s): reloads them when they differ from the ones
    /// serving, also again after a failed load. The line to log, or nil. Call off the loops.
    package func pollTLSFiles() -> String? {
        tlsReloader?.tick(load: reloadTLS)
    }

    /// SIGHUP: reloads the certificate files now; the line to log. Call off the loops.
    package func reloadTLSOnHangUp() -> String {
        guard let tlsReloader else { return "SIGHUP: no --tls-listen, nothing to reload" }
        return tlsReloader.hangUp(load: reloadTLS)
    }
}
