/// An HTTPS listener of a node or of the control plane (`--tls-listen HOST:PORT --tls-cert FILE --tls-key FILE`, issue 15).
///
/// Served beside the plain `--listen` one by the same gateway handler and event loops. The
/// context is built (files read, key checked against the certificate) before the node starts, so
/// a bad certificate refuses to start the node; `DataPlaneNode.reloadTLS()` builds a new one from
/// the same files (SIGHUP, or `TLSReloader` when they change) and only swaps it in when it is valid.
package struct TLSListener: Sendable {
    package var host: String
    /// 0 picks a free port (`DataPlaneNode.tlsPort` says which).
    package var port: Int
    package var certificateFile: String
    package var keyFile: String
    /// The context built from the files.
    package var context: TLSContext
    /// The files' signatures taken just before `context` read them: what the reload-on-change
    /// poll compares with (a file replaced meanwhile is then seen as a change).
    package var loadedState: TLSFileWatch.State

    /// Reads and checks the certificate chain and key.
    package init(host: String, port: Int, certificateFile: String, keyFile: String) throws(TLSError) {
        self.host = host
        self.port = port
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        loadedState = TLSFileWatch.state(of: [certificateFile, keyFile])
        context = try TLSContext(certificateChainFile: certificateFile, privateKeyFile: keyFile)
    }
}
