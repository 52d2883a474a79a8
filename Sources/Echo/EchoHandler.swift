import Shared

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
        switch Route(target: request.target) {
        case .bytes(let count) where request.method == .GET || request.method == .HEAD:
            guard let count, count <= Self.maxBytes else {
                return responder.respond(Self.badRequest("N must be 0...\(Self.maxBytes)"))
            }
            let body = count < Self.smallBodies.count ? Self.smallBodies[count] : [UInt8](repeating: 0x78, count: count)
            responder.respond(HTTPResponse(status: 200, headers: Self.octetStreamHeaders, body: body))
        case .status(let status):
            guard let status, (200...599).contains(status) else {
                return responder.respond(Self.badRequest("CODE must be 200...599"))
            }
            responder.respond(HTTPResponse(status: status))
        case .delay(let millis):
            guard let millis, millis <= Self.maxDelayMillis else {
                return responder.respond(Self.badRequest("MS must be 0...\(Self.maxDelayMillis)"))
            }
            let response = Self.echo(request, context: context)
            _ = context.eventLoop.schedule(after: .milliseconds(millis)) { responder.respond(response) }
        case .bytes, .echo:
            responder.respond(Self.echo(request, context: context))
        }
    }

    /// Which endpoint a target names, with its numeric parameter (nil when not a plain decimal).
    /// Matched on UTF-8 bytes: this is the benchmark's hot path.
    enum Route: Equatable {
        case bytes(Int?), status(Int?), delay(Int?), echo

        init(target: String) {
            var utf8 = target.utf8[...]
            if let q = utf8.firstIndex(of: 0x3F) { utf8 = utf8[..<q] }  // path only
            if utf8.starts(with: "/bytes/".utf8) {
                self = .bytes(Self.decimal(utf8.dropFirst(7)))
            } else if utf8.starts(with: "/status/".utf8) {
                self = .status(Self.decimal(utf8.dropFirst(8)))
            } else if utf8.starts(with: "/delay/".utf8) {
                self = .delay(Self.decimal(utf8.dropFirst(7)))
            } else {
                self = .echo
            }
        }

        private static func decimal(_ digits: Substring.UTF8View) -> Int? {
            guard !digits.isEmpty, digits.count <= 9 else { return nil }
            var value = 0
            for byte in digits {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
    }

    private static func echo(_ request: HTTPRequest, context: HTTPRequestContext) -> HTTPResponse {
        HTTPResponse(status: 200, headers: jsonHeaders, body: EchoDocument(request: request, context: context).json())
    }

    private static func badRequest(_ message: String) -> HTTPResponse {
        HTTPResponse(status: 400, headers: textHeaders, body: Array("\(message)\n".utf8))
    }
}
