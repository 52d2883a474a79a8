/// The error messages API Gateway sends a WebSocket client instead of a route's answer:
/// `{"message": "Forbidden", "connectionId":"…", "requestId":"…"}` (no route for the message and
/// no `$default`), `Internal server error` (the integration failed or is not served), and
/// `Too many requests` (the route's throttle). The spacing is AWS's, as clients see it.
enum WebSocketErrorFrame {
    static let forbidden = "Forbidden"
    static let internalServerError = "Internal server error"
    static let tooManyRequests = "Too many requests"

    static func text(_ message: String, connectionId: String, requestId: String) -> [UInt8] {
        var out = #"{"message": ""#
        out += message
        out += #"", "connectionId":""#
        out += connectionId
        out += #"", "requestId":""#
        out += requestId
        out += #""}"#
        return Array(out.utf8)
    }
}
