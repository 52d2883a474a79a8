import Shared

/// Runs a WebSocket route's integration once: MOCK answers at once with its status; AWS_PROXY
/// invokes the Lambda function with the WebSocket event (signed with the integration's role, as
/// every Lambda call); HTTP_PROXY/HTTP sends the message to the endpoint. `completion` may run on
/// any thread, exactly once.
///
/// The answer: `status` (Lambda: the result's `statusCode`, 200 without one) and `body` (Lambda:
/// the result's `body`, base64-decoded when `isBase64Encoded`; a result that is not a JSON object
/// with a `statusCode` is the body itself; HTTP: the response body). nil on failure (timeout,
/// unreachable, function error, not served): the caller sends `Internal server error`.
struct WebSocketIntegrationCall {
    struct Answer: Equatable {
        var status: Int
        var body: [UInt8]
    }

    let configuration: PipelineConfiguration
    let invoker: any IntegrationInvoker

    func run(_ integration: CompiledWebSocketIntegration, event: @autoclosure () -> JSONValue, message: [UInt8],
             identifiers: RequestIdentifiers, apiId: String, nowMillis: Int64,
             completion: @escaping @Sendable (Answer?) -> Void) {
        switch integration {
        case .refused:
            completion(nil)
        case .mock(let status):
            completion(Answer(status: status, body: []))
        case .lambda(let function, let credentials, let timeout):
            guard let endpoint = configuration.lambdaEndpoint else { return completion(nil) }
            var headers = HTTPHeaders()
            headers.add("Host", endpoint.hostHeader)
            headers.add("Content-Type", "application/json")
            headers.add("X-Amz-Invocation-Type", "RequestResponse")
            headers.add("X-Amz-Log-Type", "None")
            headers.add("User-Agent", "AmazonAPIGateway_\(apiId)")
            headers.add("X-Amzn-Trace-Id", identifiers.traceId)
            let target = "\(endpoint.basePath)/2015-03-31/functions/\(PercentEncoding.encode(function, keeping: .unreserved))/invocations"
            let request = UpstreamRequest(isTLS: endpoint.isTLS, host: endpoint.host, port: endpoint.port, method: .POST, target: target,
                                          headers: headers, body: Array(event().serialized().utf8), timeout: .milliseconds(timeout))
            let signed = configuration.awsSigner.sign(request, role: credentials, service: "lambda", region: configuration.region,
                                                      at: nowMillis / 1000, what: "WebSocket route of API \(apiId) (request \(identifiers.requestId))")
            guard case .success(let call) = signed else { return completion(nil) }
            invoker.invoke(call) { outcome in completion(Self.lambdaAnswer(outcome)) }
        case .http(let endpoint, let method, let timeout):
            var headers = HTTPHeaders()
            headers.add("Host", endpoint.hostHeader)
            headers.add("Content-Type", "application/json")
            headers.add("X-Amzn-Trace-Id", identifiers.traceId)
            let request = UpstreamRequest(isTLS: endpoint.isTLS, host: endpoint.host, port: endpoint.port,
                                          method: HTTPMethod(method), target: Self.target(endpoint),
                                          headers: headers, body: message, timeout: .milliseconds(timeout))
            invoker.invoke(request) { outcome in
                guard case .success(let response) = outcome else { return completion(nil) }
                completion(Answer(status: response.status, body: response.body))
            }
        }
    }

    /// The endpoint's origin-form target (WebSocket routes have no path parameters: a `{name}`
    /// stays as written).
    static func target(_ endpoint: HTTPEndpoint) -> String {
        var target = ""
        for piece in endpoint.path {
            switch piece {
            case .literal(let text): target += text
            case .parameter(let name): target += "{\(name)}"
            }
        }
        if let query = endpoint.query { target += "?" + query }
        return target
    }

    /// What the Invoke API answered, read as a WebSocket proxy result.
    static func lambdaAnswer(_ outcome: Result<UpstreamResponse, IntegrationFailure>) -> Answer? {
        guard case .success(let response) = outcome, (200..<300).contains(response.status),
              response.headers["X-Amz-Function-Error"] == nil else { return nil }
        guard case .object(let members)? = try? JSONParser.parse(response.body),
              let statusMember = members.last(where: { $0.key == "statusCode" })?.value else {
            return Answer(status: 200, body: response.body)
        }
        guard case .number(let number) = statusMember, number >= 100, number < 600 else { return nil }
        var body: [UInt8] = []
        if case .string(let text)? = members.last(where: { $0.key == "body" })?.value {
            if case .bool(true)? = members.last(where: { $0.key == "isBase64Encoded" })?.value {
                guard let decoded = Base64.decode(text) else { return nil }
                body = decoded
            } else {
                body = Array(text.utf8)
            }
        }
        return Answer(status: Int(number), body: body)
    }
}
