import Shared

/// One call of a Lambda authorizer through the Lambda Invoke API, and what its answer means.
enum LambdaAuthorizerCall {
    /// `POST {endpoint}/2015-03-31/functions/{function}/invocations` with `event`, bounded by `timeout`.
    static func request(function: String, event: JSONValue, endpoint: LambdaEndpoint, invocation: Invocation,
                        timeout: Duration) -> UpstreamRequest {
        LambdaInvokeRequest.make(function: function, payload: Array(event.serialized().utf8), endpoint: endpoint,
                                 invocation: invocation, timeout: timeout)
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
