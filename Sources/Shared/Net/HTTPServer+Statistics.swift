extension HTTPServer {
    /// Counters for monitoring and tests.
    package struct Statistics: Sendable, Equatable {
        /// Connections accepted since start.
        package var acceptedConnections: Int
        /// Connections open now.
        package var openConnections: Int
        /// The most response bytes ever queued for one connection (bounded by backpressure).
        package var peakOutboundBytesPerConnection: Int
    }
}
