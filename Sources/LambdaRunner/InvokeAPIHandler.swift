import Shared

/// The Invoke API the gateway calls: `POST /2015-03-31/functions/{function}/invocations`
/// (`?Qualifier=` too), plus `GET /tollgate/functions` (counts per function, for tests and
/// operators). Parses the request and hands it to the runner; runs on the connection's loop.
struct InvokeAPIHandler: HTTPServerHandler {
    let runner: LambdaRunner

    /// What an Invoke API path names. Pure.
    enum Route: Equatable {
        case invoke(function: String)
        case statistics
        case unknown

        init(method: HTTPMethod, path: Substring, query: Substring?) {
            let prefix = "/2015-03-31/functions/", suffix = "/invocations"
            if method == .GET, path == "/tollgate/functions" {
                self = .statistics
                return
            }
            guard method == .POST, path.hasPrefix(prefix), path.hasSuffix(suffix),
                  path.count > prefix.count + suffix.count else {
                self = .unknown
                return
            }
            let segment = path.dropFirst(prefix.count).dropLast(suffix.count)
            guard !segment.contains("/") else {
                self = .unknown
                return
            }
            var function = PercentDecoding.decodeString(segment)
            for pair in (query ?? "").split(separator: "&") where pair.hasPrefix("Qualifier=") {
                function += ":" + PercentDecoding.decodeString(pair.dropFirst("Qualifier=".count))
            }
            self = .invoke(function: function)
        }
    }

    func handle(_ request: HTTPRequest, context: HTTPRequestContext, responder: HTTPResponder) {
        switch Route(method: request.method, path: request.head.path, query: request.head.query) {
        case .statistics:
            responder.respond(HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: runner.statisticsDocument()))
        case .unknown:
            responder.respond(RunnerHTTPAnswers.refused(.unknownOperation))
        case .invoke(let function):
            let invocationType = request.headers["X-Amz-Invocation-Type"] ?? "RequestResponse"
            guard invocationType == "RequestResponse" else {
                return responder.respond(RunnerHTTPAnswers.refused(.unsupported(
                    "X-Amz-Invocation-Type \(invocationType) is not served by tollgate's local runner (RequestResponse only)")))
            }
            let logType = request.headers["X-Amz-Log-Type"] ?? "None"
            guard logType == "None" else {
                return responder.respond(RunnerHTTPAnswers.refused(.unsupported(
                    "X-Amz-Log-Type \(logType) is not served by tollgate's local runner (function logs go to its stderr)")))
            }
            let requestId = RequestId.make()
            let traceId = request.headers["X-Amzn-Trace-Id"].map { $0.hasPrefix("Root=") ? $0 : "Root=\($0)" }
                ?? "Root=1-\(RequestId.hex(8))-\(RequestId.hex(24));Sampled=0"
            runner.invoke(target: function, payload: request.body, requestId: requestId, traceId: traceId,
                          clientContext: request.headers["X-Amz-Client-Context"], responder: responder)
        }
    }
}

/// Random request ids in Lambda's UUID shape.
enum RequestId {
    static func make() -> String { "\(hex(8))-\(hex(4))-4\(hex(3))-a\(hex(3))-\(hex(12))" }

    static func hex(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef")
        return String((0..<count).map { _ in digits[Int(generator.next() % 16)] })
    }
}
