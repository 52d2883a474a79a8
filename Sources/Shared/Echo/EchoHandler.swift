/// The `tollgate echo` backend: answers every request with what it received.
///
/// - `GET`/`HEAD /bytes/N` → N bytes (`x`), `application/octet-stream`; N up to `maxBytes`
///   (10 MiB + 1, one past the body limit, so tests can exercise limits), else 400.
/// - `/status/CODE` → an empty response with that status (200–599), else 400.
/// - `/delay/MS` → the echo document after MS milliseconds (≤ 60,000), using the loop's timer.
/// - anything else → 200 with the echo document (`EchoDocument`).
///
/// Runs on the connection's loop thread; never blocks.
package struct EchoHandler: HTTPServerHandler {
    /// The largest `/bytes/N` served.
    package static let maxBytes = 10 * 1024 * 1024 + 1
    /// The longest `/delay/MS` honoured.
    package static let maxDelayMillis = 60_000

    private static let octetStreamHeaders: HTTPHeaders = ["Content-Type": "application/octet-stream"]
    private static let jsonHeaders: HTTPHeaders = ["Content-Type": "application/json"]
    private static let textHeaders: HTTPHeaders = ["Content-Type": "text/plain"]
    /// Served by reference for the common small sizes, so `/bytes/64` allocates no body.
    private static let smallBodies: [[UInt8]] = (0...1024).map { [UInt8](repeating: 0x78, count: $0) }

    package init() {}

    package func handle(_ request: HTTPRequest, context: HTTPRequestContext, responder: HTTPResponder) {
        let path = request.head.path
        if path.hasPrefix("/bytes/"), request.method == .GET || request.method == .HEAD {
            guard let count = Int(path.dropFirst(7)), count >= 0, count <= Self.maxBytes else {
                return responder.respond(Self.badRequest("N must be 0...\(Self.maxBytes)"))
            }
            let body = count < Self.smallBodies.count ? Self.smallBodies[count] : [UInt8](repeating: 0x78, count: count)
            return responder.respond(HTTPResponse(status: 200, headers: Self.octetStreamHeaders, body: body))
        }
        if path.hasPrefix("/status/") {
            guard let status = Int(path.dropFirst(8)), (200...599).contains(status) else {
                return responder.respond(Self.badRequest("CODE must be 200...599"))
            }
            return responder.respond(HTTPResponse(status: status))
        }
        if path.hasPrefix("/delay/") {
            guard let millis = Int(path.dropFirst(7)), millis >= 0, millis <= Self.maxDelayMillis else {
                return responder.respond(Self.badRequest("MS must be 0...\(Self.maxDelayMillis)"))
            }
            let response = Self.echo(request, context: context)
            _ = context.eventLoop.schedule(after: .milliseconds(millis)) { responder.respond(response) }
            return
        }
        responder.respond(Self.echo(request, context: context))
    }

    private static func echo(_ request: HTTPRequest, context: HTTPRequestContext) -> HTTPResponse {
        HTTPResponse(status: 200, headers: jsonHeaders, body: EchoDocument(request: request, context: context).json())
    }

    private static func badRequest(_ message: String) -> HTTPResponse {
        HTTPResponse(status: 400, headers: textHeaders, body: Array("\(message)\n".utf8))
    }
}
