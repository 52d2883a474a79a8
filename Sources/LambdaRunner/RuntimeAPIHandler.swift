import Shared

/// The Lambda Runtime API (version 2018-06-01) of one function, on that function's own port:
/// `GET /2018-06-01/runtime/invocation/next` (long-poll), `POST …/invocation/{id}/response`,
/// `POST …/invocation/{id}/error`, `POST /2018-06-01/runtime/init/error`. Other paths: 404.
struct RuntimeAPIHandler: HTTPServerHandler {
    let runner: LambdaRunner
    let function: Int

    enum Call: Equatable {
        case next
        case response(requestId: String, body: [UInt8])
        case error(requestId: String, body: [UInt8])
        case initError(body: [UInt8])

        /// The call a request makes, or nil for a path the Runtime API does not have. Pure.
        init?(method: HTTPMethod, path: Substring, body: [UInt8]) {
            let prefix = "/2018-06-01/runtime/"
            guard path.hasPrefix(prefix) else { return nil }
            let rest = path.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false)
            switch (method, rest.count) {
            case (.GET, 2) where rest == ["invocation", "next"]:
                self = .next
            case (.POST, 2) where rest == ["init", "error"]:
                self = .initError(body: body)
            case (.POST, 3) where rest[0] == "invocation" && !rest[1].isEmpty && rest[2] == "response":
                self = .response(requestId: PercentDecoding.decodeString(rest[1]), body: body)
            case (.POST, 3) where rest[0] == "invocation" && !rest[1].isEmpty && rest[2] == "error":
                self = .error(requestId: PercentDecoding.decodeString(rest[1]), body: body)
            default:
                return nil
            }
        }
    }

    func handle(_ request: HTTPRequest, context: HTTPRequestContext, responder: HTTPResponder) {
        guard let call = Call(method: request.method, path: request.head.path, body: request.body) else {
            return responder.respond(HTTPResponse(status: 404, headers: ["Content-Type": "application/json"],
                                                  body: RunnerErrorDocument.document(type: "NotFound", message: "Not found")))
        }
        runner.runtimeCall(function, call, responder: responder)
    }
}
