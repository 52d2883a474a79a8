import Shared

/// Every error the gateway itself answers, whoever caused it (client, integration, configuration).
///
/// Phases return these instead of throwing; `GatewayError+Response` is the one place that turns them
/// into the status, body and `x-amzn-ErrorType` Amazon API Gateway sends (reference §2.4).
package enum GatewayError: Error, Equatable, Sendable {
    /// No route for the path or verb, unknown stage, or no stage in the URL; also every request to an
    /// `AWS_IAM` method (SigV4 callers are not verified yet, so none has valid credentials).
    case missingAuthenticationToken
    /// The API id names no deployed API.
    case unknownApi(String)
    /// The request names no API at all (neither invoke-URL form).
    case noApiInRequest
    /// The API's resource policy denies the caller (`resource` is the method ARN of the request).
    /// Tollgate does not evaluate policies yet, so an API with one denies every request.
    case accessDenied(resource: String)
    /// A `Cache-Control: max-age=0` from a caller not allowed `execute-api:InvalidateCache` on a
    /// method whose `unauthorizedCacheControlHeaderStrategy` is `FAIL_WITH_403` (`caller` is the
    /// IAM user ARN or `anonymous`, `resource` the method ARN).
    case cacheInvalidationDenied(caller: String, resource: String)
    /// A Lambda (CUSTOM) or Cognito authorizer found no valid token (missing identity source, a
    /// token the validation expression refuses, the function throwing `Unauthorized`, an invalid
    /// JWT); also every request to a CUSTOM/COGNITO method whose authorizer cannot be used (fail closed).
    case unauthorized
    /// API key missing, unknown, disabled or not in a usage plan for the stage.
    case forbidden
    /// `disableExecuteApiEndpoint` is set on the API.
    case executeApiEndpointDisabled
    case throttled
    case quotaExceeded
    /// Request payload over 10 MiB.
    case requestTooLarge
    /// The passthrough behaviour rejects the request's Content-Type.
    case unsupportedMediaType
    /// A request validator found required parameters missing (names in order). Gateway response
    /// type BAD_REQUEST_PARAMETERS.
    case missingRequiredParameters([String])
    /// A request validator found the body not matching the method's model (or not JSON); the
    /// violations as `$context.error.validationErrorString` shows them. Gateway response type
    /// BAD_REQUEST_BODY.
    case invalidRequestBody(validationErrorString: String)
    /// A path parameter, greedy `{proxy+}` value or value mapped into the integration path still
    /// names a `.`/`..` segment (or holds NUL) after percent-decoding (`PathSafety.isSafeValue`).
    case dotSegmentInPath
    /// The integration did not answer within `timeoutInMillis`.
    case integrationTimeout
    /// The HTTP integration could not be reached or broke the connection.
    case integrationFailure
    /// Configuration error: no matching integration response, undeclared method response, broken
    /// target, Lambda service refusing the invocation.
    case internalServerError
    /// Lambda proxy: function error or a result that is not a valid proxy response; also an
    /// unreadable Lambda Invoke answer, and an HTTP integration's unreadable answer (malformed, a
    /// `101` nobody asked for, a status outside 100–599).
    case lambdaMalformed
    /// The node has no snapshot yet.
    /// An `AWS_IAM` method's SigV4 check failed (missing, malformed, wrong, expired, unknown key):
    /// 403 with `{"message": …}` in AWS's wording for the failure.
    case signatureRefused(SigV4Error)
    /// An identity or resource policy refused the call: 403 `AccessDeniedException` with
    /// `{"Message":"User: … is not authorized to perform: execute-api:Invoke on resource: …"}`.
    case policyDenied(AuthorizationRefusal)
    case serviceUnavailable
    // MARK: - Authorizers (docs/authorization.md)
    /// A Lambda authorizer's policy does not allow the method ARN (`explicit`: a Deny statement applied).
    case authorizerDenied(explicit: Bool)
    /// A Lambda authorizer answered with a function error other than `Unauthorized`, or with
    /// output that is not a usable policy.
    case authorizerConfigurationError
    /// The authorizer could not be run: Lambda unreachable, refusing or timing out; a JWKS that
    /// cannot be fetched.
    case authorizerFailure
}
