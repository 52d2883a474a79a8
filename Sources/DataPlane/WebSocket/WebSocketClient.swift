import Shared

/// One client connection on its loop: the served connection (`WebSocketServerConnection`) and
/// what the gateway needs to answer its messages. The connection's delegate. Loop-confined.
final class WebSocketClient: WebSocketConnectionDelegate {
    let info: WebSocketConnectionInfo
    let connection: WebSocketServerConnection
    let activity: WebSocketActivity
    private let gateway: WebSocketGateway

    init(info: WebSocketConnectionInfo, connection: WebSocketServerConnection, activity: WebSocketActivity, gateway: WebSocketGateway) {
        self.info = info
        self.connection = connection
        self.activity = activity
        self.gateway = gateway
    }

    func webSocketReceived(_ message: WebSocketMessage, on connection: WebSocketServerConnection) {
        gateway.received(message, from: self)
    }

    func webSocketClosed(_ connection: WebSocketServerConnection, frame: WebSocketCloseFrame) {
        gateway.closed(self, frame: frame)
    }
}
