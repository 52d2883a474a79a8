import Shared

/// One call of a Lambda authorizer through the Lambda Invoke API, and what its answer means.
enum LambdaAuthorizerCall {
    /// `POST {endpoint}/2015-03-31/functions/{function}/invocations` with `event`, bounded by `timeout`.
    static func request(function: String, event: JSONValue, endpoint: LambdaEndpoint, invocation: Invocation,
                        timeout: Duration) -> UpstreamRequest {
        var headers = HTTPHeaders()
        headers.add("Host", endpoint.hostHeader)
        headers.add("Content-Type", "application/json")
        headers.add("X-Amz-Invocation-Type", "RequestResponse")
        headers.add("X-Amz-Log-Type", "None")
        headers.add("User-Agent", "AmazonAPIGateway_\(invocation.stage.restApiId)")
        headers.add("X-Amzn-Trace-Id", invocation.identifiers.traceId)
        let target = "\(endpoint.basePath)/2015-03-31/functions/\(PercentEncoding.encode(function, keeping: .unreserved))/invocations"
        return UpstreamRequest(isTLS: endpoint.isTLS, host: endpoint.host, port: endpoint.port, method: .POST, target: target,
                               headers: headers, body: Array(event.serialized().utf8), timeout: timeout)
    }

    /// The authorizer's answer as AWS reads it: no answer (unreachable, timed out, the Lambda
    /// service refusing) → 500 `AUTHORIZER_FAILURE`; a function error whose message is exactly
    /// `Unauthorized` → 401; any other function error or output that is not a policy → 500
    /// `AUTHORIZER_CONFIGURATION_ERROR`; otherwise the parsed result.
    static func outcome(_ outcome: Result<UpstreamResponse, IntegrationFailure>) -> Result<LambdaAuthorizerResult, GatewayError> {
        guard case .success(let response) = outcome, (200..<300).contains(response.status) else {
            return .failure(.authorizerFailure)
        }
        if response.headers.contains("X-Amz-Function-Error") {
            return .failure(isUnauthorized(response.body) ? .unauthorized : .authorizerConfigurationError)
        }
        do {
            return .success(try LambdaAuthorizerResult.parse(response.body))
        } catch {
            return .failure(.authorizerConfigurationError)
        }
    }

    /// Whether a function error's payload is `{"errorMessage":"Unauthorized", …}` (what
    /// `raise Exception('Unauthorized')`, `callback('Unauthorized')` and `throw new Error('Unauthorized')` produce).
    static func isUnauthorized(_ payload: [UInt8]) -> Bool {
        guard let value = try? JSONParser.parse(payload), case .string(let message)? = value["errorMessage"] else { return false }
        return message == "Unauthorized"
    }
}
