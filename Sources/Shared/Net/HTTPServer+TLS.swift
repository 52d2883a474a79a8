extension HTTPServer {
    /// Hands `context` (a reloaded certificate and key) to every loop of a TLS server: new
    /// connections handshake with it, open ones keep theirs, nothing is dropped. Build the
    /// context off the loops first (`TLSContext.init` reads files); a context that failed to
    /// build never gets here, so a bad certificate never replaces a good one. Calls `completion`
    /// once every loop has it. A plain server (no `tls` at start) ignores reloads.
    package func reloadTLS(_ context: TLSContext, completion: @escaping @Sendable () -> Void = {}) {
        onEveryTLSLoop({ $0.tlsContext = context }, completion: completion)
    }

    /// Hands a new table of custom domain contexts (`TLSServerNames`, built off the loops when a
    /// snapshot applies; nil: none) to every loop of a TLS server: new handshakes select from it
    /// by SNI, open connections keep what they negotiated. Calls `completion` once every loop has
    /// it. A plain server ignores it.
    package func updateServerNames(_ names: TLSServerNames?, completion: @escaping @Sendable () -> Void = {}) {
        onEveryTLSLoop({ $0.tlsServerNames = names }, completion: completion)
    }

    /// Runs `change` on each loop's `HTTPServerLoop` of this server, on that loop, then `completion`
    /// once all have run; a plain server (no `tls` at start) runs only `completion`.
    private func onEveryTLSLoop(_ change: @escaping @Sendable (HTTPServerLoop) -> Void,
                                completion: @escaping @Sendable () -> Void) {
        guard configuration.tls != nil else { return completion() }
        let key = ObjectIdentifier(self)
        let loops = group.loops
        let latch = CountdownLatch(count: loops.count, action: completion)
        for loop in loops {
            loop.execute {
                if let serverLoop = loop.attachments[key] as? HTTPServerLoop { change(serverLoop) }
                latch.arrive()
            }
        }
    }
}
