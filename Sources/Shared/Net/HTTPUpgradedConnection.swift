/// A server connection handed over after `101 Switching Protocols`: no longer HTTP.
///
/// Given to `HTTPServerHandler.upgraded(_:)` on the connection's loop, already deregistered from
/// epoll and out of the server's connection table and timers. The new owner (a WebSocket
/// session, say) registers `transport.fd` with `loop` itself, writes `unsent` first (it ends with
/// the `101` head), parses `buffered` (bytes the client sent after its request) before anything
/// it reads, and closes the transport when done. Loop-confined; not `Sendable`.
package final class HTTPUpgradedConnection {
    package let loop: EventLoop
    package let transport: any Transport
    package var unsent: OutboundQueue
    package let buffered: [UInt8]
    /// The connection's facts (peer address, port, loop) as the upgrading request saw them: how a
    /// handler matches the connection to the request it answered with `101`.
    package let context: HTTPRequestContext?

    init(loop: EventLoop, transport: any Transport, unsent: OutboundQueue, buffered: [UInt8], context: HTTPRequestContext? = nil) {
        self.context = context
        self.loop = loop
        self.transport = transport
        self.unsent = unsent
        self.buffered = buffered
    }

    /// Drops the connection (the default for handlers that never upgrade).
    package func close() {
        transport.close()
    }
}
