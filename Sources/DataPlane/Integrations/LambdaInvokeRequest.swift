import Shared

/// The Lambda Invoke API request every Lambda caller sends (AWS_PROXY, AWS non-proxy, Lambda
/// authorizers): one place for the target, the headers, the timeout and the signature.
enum LambdaInvokeRequest {
    /// `POST {endpoint}/2015-03-31/functions/{function}/invocations` with `payload` as body,
    /// synchronous (`RequestResponse`), bounded by `timeout`.
    static func make(function: String, payload: [UInt8], endpoint: LambdaEndpoint, invocation: Invocation,
                     timeout: Duration) -> UpstreamRequest {
        var headers = HTTPHeaders()
        headers.add("Host", endpoint.hostHeader)
        headers.add("Content-Type", "application/json")
        headers.add("X-Amz-Invocation-Type", "RequestResponse")
        headers.add("X-Amz-Log-Type", "None")
        headers.add("User-Agent", "AmazonAPIGateway_\(invocation.stage.restApiId)")
        headers.add("X-Amzn-Trace-Id", invocation.identifiers.traceId)
        TraceContext.addHeaders(to: &headers, for: invocation, forwardsClientHeaders: false)
        let target = "\(endpoint.basePath)/2015-03-31/functions/\(PercentEncoding.encode(function, keeping: .unreserved))/invocations"
        return UpstreamRequest(isTLS: endpoint.isTLS, host: endpoint.host, port: endpoint.port, method: .POST, target: target,
                               headers: headers, body: payload, timeout: timeout)
    }

    /// `request` SigV4-signed for the Lambda service in `region` with `role`'s keys (unchanged when
    /// the node has no keys at all); a role without keys fails, logged by the signer with the call named.
    static func sign(_ request: UpstreamRequest, role: String?, signer: AWSRequestSigner, region: String,
                     invocation: Invocation) -> Result<UpstreamRequest, AWSRequestSigner.Failure> {
        signer.sign(request, role: role, service: "lambda", region: region, at: invocation.signingTime,
                    what: invocation.callDescription)
    }
}

extension Invocation {
    /// `GET /items of API abc (request id)`: names a call in log lines.
    var callDescription: String {
        "\(route.httpMethod) \(route.resourcePath) of API \(stage.restApiId) (request \(identifiers.requestId))"
    }
}
