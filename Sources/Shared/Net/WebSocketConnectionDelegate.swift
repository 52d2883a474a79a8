/// What a served WebSocket connection hands to its owner (the data plane's API Gateway
/// semantics). Called on the connection's loop thread only.
package protocol WebSocketConnectionDelegate: AnyObject {
    /// A complete text or binary message from the client.
    func webSocketReceived(_ message: WebSocketMessage, on connection: WebSocketServerConnection)
    /// The connection is gone (`frame`: the close received or sent, 1006 for none); called once.
    func webSocketClosed(_ connection: WebSocketServerConnection, frame: WebSocketCloseFrame)
}
