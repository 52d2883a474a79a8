import Shared

/// AWS_PROXY integrations: the Lambda Invoke API request (signed with the integration's
/// `credentials` role when the node has keys) and the mapping of its answer; one step per route
/// (its function), on a node with `--lambda-endpoint`.
package struct LambdaProxyIntegration: IntegrationStep {
    let function: String
    let endpoint: LambdaEndpoint
    let invoker: any IntegrationInvoker
    var signer = AWSRequestSigner()
    /// The node's region: the signature's scope.
    var region = "us-east-1"

    package func run(_ invocation: Invocation, finish: @escaping IntegrationFinish) {
        let request = Self.request(invocation, function: function, endpoint: endpoint)
        switch LambdaInvokeRequest.sign(request, role: invocation.route.integration.credentials, signer: signer, region: region,
                                        invocation: invocation) {
        case .failure: finish(.failure(.internalServerError), .none)
        case .success(let signed):
            invoker.invoke(signed) { outcome in
                let (result, report) = Self.answer(outcome, invocation: invocation)
                finish(result, report)
            }
        }
    }

    /// `POST {endpoint}/2015-03-31/functions/{function}/invocations` with the proxy event as body.
    package static func request(_ invocation: Invocation, function: String, endpoint: LambdaEndpoint) -> UpstreamRequest {
        LambdaInvokeRequest.make(function: function, payload: Array(LambdaProxyEvent.make(invocation).serialized().utf8),
                                 endpoint: endpoint, invocation: invocation,
                                 timeout: .milliseconds(invocation.route.integration.timeoutMillis))
    }

    /// Turns the Invoke API's answer into the method response, or the gateway error AWS gives:
    /// timeout → 504; unreachable or unreadable → 502; the Lambda service refusing (non-2xx:
    /// permissions, throttling, unknown function) → 500; `X-Amz-Function-Error` or a malformed
    /// result → 502.
    package static func response(_ outcome: Result<UpstreamResponse, IntegrationFailure>,
                                 invocation: Invocation) -> Result<HTTPResponse, GatewayError> {
        answer(outcome, invocation: invocation).0
    }

    /// `response`, and what the call showed (`IntegrationReport`): the Invoke API's status and
    /// headers (its `x-amzn-RequestId`), the function's declared `statusCode`, or why it failed.
    package static func answer(_ outcome: Result<UpstreamResponse, IntegrationFailure>,
                               invocation: Invocation) -> (Result<HTTPResponse, GatewayError>, IntegrationReport) {
        let upstream: UpstreamResponse
        var report: IntegrationReport
        switch LambdaInvokeAnswer(outcome) {
        case .refused(let error, let refusal): return (.failure(error), refusal)
        case .invoked(let response, let invoked): (upstream, report) = (response, invoked)
        }
        guard case .success(let result) = LambdaProxyResult.parse(upstream.body) else {
            report.failure = .malformedProxyResult
            return (.failure(.lambdaMalformed), report)
        }
        report.status = result.statusCode

        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/json")
        for (name, values) in result.headers {
            headers.remove(name)
            for value in values { headers.add(name, value) }
        }
        var body = Array(result.body.utf8)
        if result.isBase64Encoded, BinaryMediaTypes.matches(invocation.request.headers["Accept"], invocation.stage.binaryMediaTypes) {
            guard let decoded = Base64.decode(result.body) else {
                report.failure = .malformedProxyResult
                return (.failure(.lambdaMalformed), report)
            }
            body = decoded
        }
        return (.success(HTTPResponse(status: result.statusCode, headers: HeaderPolicy.methodResponseHeaders(headers, kind: .awsProxy), body: body)),
                report)
    }
}
