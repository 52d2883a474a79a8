import Shared

/// AWS_PROXY on an HTTP API: the Lambda Invoke API request with the payload-format event
/// (`HttpApiLambdaEvent`), signed with the integration's `credentialsArn` role as REST's
/// (`LambdaInvokeRequest`, reused), and the answer read by the format's rules: 2.0 by
/// `HttpApiLambdaResult`, 1.0 by REST's `LambdaProxyResult` (a base64 body is decoded: HTTP APIs
/// have no binary media types). Failures: timeout → 503; unreachable, refused, a function error
/// or a malformed answer → 500 (`GatewayError+HttpApi`).
struct HttpApiLambdaIntegration: IntegrationStep {
    let function: String
    let payloadFormatVersion: String
    let endpoint: LambdaEndpoint
    let invoker: any IntegrationInvoker
    var signer = AWSRequestSigner()
    var region = "us-east-1"

    func run(_ invocation: Invocation, finish: @escaping IntegrationFinish) {
        let payload = Array(HttpApiLambdaEvent.make(invocation, version: payloadFormatVersion).serialized().utf8)
        let request = LambdaInvokeRequest.make(function: function, payload: payload, endpoint: endpoint, invocation: invocation,
                                               timeout: .milliseconds(invocation.route.integration.timeoutMillis))
        switch LambdaInvokeRequest.sign(request, role: invocation.route.integration.credentials, signer: signer, region: region,
                                        invocation: invocation) {
        case .failure: finish(.failure(.internalServerError), .none)
        case .success(let signed):
            let version = payloadFormatVersion
            invoker.invoke(signed) { outcome in
                let (result, report) = Self.answer(outcome, version: version)
                finish(result, report)
            }
        }
    }

    /// The method response for the Invoke API's answer, and what it showed (for access logs).
    static func answer(_ outcome: Result<UpstreamResponse, IntegrationFailure>,
                       version: String) -> (Result<HTTPResponse, GatewayError>, IntegrationReport) {
        let upstream: UpstreamResponse
        var report: IntegrationReport
        switch LambdaInvokeAnswer(outcome) {
        case .refused(let error, let refusal): return (.failure(error), refusal)
        case .invoked(let response, let invoked): (upstream, report) = (response, invoked)
        }
        var status: Int
        var fields: [(name: String, values: [String])]
        var body: [UInt8]
        var cookies: [String] = []
        if version == "1.0" {
            guard case .success(let result) = LambdaProxyResult.parse(upstream.body) else {
                report.failure = .malformedProxyResult
                return (.failure(.lambdaMalformed), report)
            }
            status = result.statusCode
            fields = result.headers
            body = Array(result.body.utf8)
            if result.isBase64Encoded {
                guard let decoded = Base64.decode(result.body) else {
                    report.failure = .malformedProxyResult
                    return (.failure(.lambdaMalformed), report)
                }
                body = decoded
            }
        } else {
            guard case .success(let result) = HttpApiLambdaResult.parse(upstream.body) else {
                report.failure = .malformedProxyResult
                return (.failure(.lambdaMalformed), report)
            }
            status = result.statusCode
            fields = result.headers
            body = result.body
            cookies = result.cookies
        }
        report.status = status
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/json")
        for (name, values) in fields {
            headers.remove(name)
            for value in values { headers.add(name, value) }
        }
        for cookie in cookies { headers.add("Set-Cookie", cookie) }
        return (.success(HTTPResponse(status: status, headers: HeaderPolicy.methodResponseHeaders(headers, kind: .awsProxy), body: body)),
                report)
    }
}
