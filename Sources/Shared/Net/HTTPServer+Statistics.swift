extension HTTPServer {
    /// Counters for monitoring and tests.
    package struct Statistics: Sendable, Equatable {
        /// Connections accepted since start.
        package var acceptedConnections: Int
        /// Connections open now.
        package var openConnections: Int
        /// The most response bytes ever queued for one connection (bounded by backpressure).
        package var peakOutboundBytesPerConnection: Int
        /// Connections closed right after accept: no TLS session could be made for them.
        package var refusedTLSSetup = 0
        /// TLS connections whose handshake failed (a bad or non-TLS client hello, no shared cipher, …).
        package var failedHandshakes = 0
        /// TLS connections whose handshake did not finish within the handshake timeout.
        package var timedOutHandshakes = 0
        /// Times accepting paused for 100 ms because the process was out of descriptors (`EMFILE`).
        package var acceptPauses = 0
    }
}
