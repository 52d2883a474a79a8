import Shared

/// The one mapping from `GatewayError` to what the client sees. Documented in docs/request-lifecycle.md.
extension GatewayError {
    /// HTTP status code.
    package var status: Int {
        switch self {
        case .missingAuthenticationToken, .accessDenied, .cacheInvalidationDenied, .forbidden, .executeApiEndpointDisabled, .authorizerDenied: return 403
        case .authorizerConfigurationError, .authorizerFailure: return 500
        case .unauthorized: return 401
        case .signatureRefused(let error): return error.httpStatus
        case .policyDenied(let refusal): return refusal.status
        case .unknownApi, .noApiInRequest: return 404
        case .throttled, .quotaExceeded: return 429
        case .requestTooLarge: return 413
        case .unsupportedMediaType: return 415
        case .missingRequiredParameters, .invalidRequestBody, .dotSegmentInPath: return 400
        case .integrationTimeout, .integrationFailure: return 504
        case .internalServerError: return 500
        case .lambdaMalformed: return 502
        case .serviceUnavailable: return 503
        }
    }

    /// The exact body. Gateway responses use `{"message":…}` without a space; integration failures
    /// use `{"message": …}` with one, as AWS does; IAM and resource-policy denials use a capital
    /// `"Message"` (AWS-recorded).
    package var body: String {
        switch self {
        case .missingAuthenticationToken: return #"{"message":"Missing Authentication Token"}"#
        case .unknownApi(let id):
            return #"{"message":"The API id '"# + Self.jsonEscaped(id) + #"' does not correspond to a deployed API Gateway API"}"#
        case .noApiInRequest:
            return #"{"message":"No REST API named in the request: use http://{restApiId}.execute-api.{domain}/{stage}/{path} or /restapis/{restApiId}/{stage}/_user_request_/{path}"}"#
        case .accessDenied(let resource):
            return #"{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: "#
                + Self.jsonEscaped(resource) + #""}"#
        case .cacheInvalidationDenied(let caller, let resource):
            return #"{"Message":"User: "# + Self.jsonEscaped(caller) + #" is not authorized to perform: execute-api:InvalidateCache on resource: "#
                + Self.jsonEscaped(resource) + #""}"#
        case .unauthorized: return #"{"message":"Unauthorized"}"#
        case .signatureRefused(let error): return #"{"message":""# + Self.jsonEscaped(error.message) + #""}"#
        case .policyDenied(let refusal): return refusal.body
        case .forbidden, .executeApiEndpointDisabled: return #"{"message":"Forbidden"}"#
        case .throttled: return #"{"message":"Too Many Requests"}"#
        case .quotaExceeded: return #"{"message":"Limit Exceeded"}"#
        case .requestTooLarge: return #"{"message":"Request Too Long"}"#
        case .unsupportedMediaType: return #"{"message":"Unsupported Media Type"}"#
        case .missingRequiredParameters(let names):
            return #"{"message":"Missing required request parameters: ["# + Self.jsonEscaped(names.joined(separator: ", ")) + #"]"}"#
        case .invalidRequestBody: return #"{"message":"Invalid request body"}"#
        case .dotSegmentInPath: return #"{"message":"Bad Request"}"#
        case .integrationTimeout: return #"{"message": "Endpoint request timed out"}"#
        case .integrationFailure: return #"{"message": "Network error communicating with endpoint"}"#
        case .internalServerError, .lambdaMalformed: return #"{"message": "Internal server error"}"#
        case .serviceUnavailable: return #"{"message":"Service Unavailable"}"#
        case .authorizerDenied(let explicit): return AuthorizationRefusal.lambdaAuthorizer(explicit: explicit).body
        // AWS leaves the message of both authorizer 500s null.
        case .authorizerConfigurationError, .authorizerFailure: return #"{"message": null}"#
        }
    }

    /// `$context.error.message` in a gateway response template: the message of `body`, unquoted.
    package var message: String {
        switch self {
        case .missingAuthenticationToken: return "Missing Authentication Token"
        case .unknownApi(let id): return "The API id '\(id)' does not correspond to a deployed API Gateway API"
        case .noApiInRequest:
            return "No REST API named in the request: use http://{restApiId}.execute-api.{domain}/{stage}/{path} or /restapis/{restApiId}/{stage}/_user_request_/{path}"
        case .accessDenied(let resource): return "User: anonymous is not authorized to perform: execute-api:Invoke on resource: \(resource)"
        case .cacheInvalidationDenied(let caller, let resource):
            return "User: \(caller) is not authorized to perform: execute-api:InvalidateCache on resource: \(resource)"
        case .unauthorized: return "Unauthorized"
        case .signatureRefused(let error): return error.message
        case .policyDenied(let refusal): return refusal.message
        case .authorizerDenied(let explicit): return AuthorizationRefusal.lambdaAuthorizer(explicit: explicit).message
        // AWS's body for both authorizer 500s is `{"message": null}`: no message.
        case .authorizerConfigurationError, .authorizerFailure: return ""
        case .forbidden, .executeApiEndpointDisabled: return "Forbidden"
        case .throttled: return "Too Many Requests"
        case .quotaExceeded: return "Limit Exceeded"
        case .requestTooLarge: return "Request Too Long"
        case .unsupportedMediaType: return "Unsupported Media Type"
        case .missingRequiredParameters(let names): return "Missing required request parameters: [\(names.joined(separator: ", "))]"
        case .invalidRequestBody: return "Invalid request body"
        case .dotSegmentInPath: return "Bad Request"
        case .integrationTimeout: return "Endpoint request timed out"
        case .integrationFailure: return "Network error communicating with endpoint"
        case .internalServerError, .lambdaMalformed: return "Internal server error"
        case .serviceUnavailable: return "Service Unavailable"
        }
    }

    /// The `x-amzn-ErrorType` header value.
    package var errorType: String {
        switch self {
        case .missingAuthenticationToken: return "MissingAuthenticationTokenException"
        case .unknownApi, .noApiInRequest: return "NotFoundException"
        case .accessDenied, .cacheInvalidationDenied: return "AccessDeniedException"
        case .unauthorized: return "UnauthorizedException"
        case .signatureRefused(let error): return error.awsErrorType
        case .policyDenied(let refusal): return refusal.errorType
        case .forbidden, .executeApiEndpointDisabled: return "ForbiddenException"
        case .throttled: return "TooManyRequestsException"
        case .quotaExceeded: return "LimitExceededException"
        case .requestTooLarge: return "RequestTooLongException"
        case .unsupportedMediaType, .missingRequiredParameters, .invalidRequestBody, .dotSegmentInPath: return "BadRequestException"
        case .integrationTimeout, .integrationFailure, .internalServerError, .lambdaMalformed: return "InternalServerErrorException"
        case .serviceUnavailable: return "ServiceUnavailableException"
        case .authorizerDenied: return "AccessDeniedException"
        case .authorizerConfigurationError: return "AuthorizerConfigurationException"
        case .authorizerFailure: return "AuthorizerFailureException"
        }
    }

    /// The gateway response type (reference §2.5): which of the API's gateway responses answers
    /// this error (`GatewayResponder`); `DEFAULT_5XX` for errors AWS gives no type of their own.
    package var responseType: String {
        switch self {
        case .missingAuthenticationToken: return "MISSING_AUTHENTICATION_TOKEN"
        case .unknownApi, .noApiInRequest: return "RESOURCE_NOT_FOUND"
        case .accessDenied, .cacheInvalidationDenied: return "ACCESS_DENIED"
        case .unauthorized: return "UNAUTHORIZED"
        case .signatureRefused(.missingAuthentication): return "MISSING_AUTHENTICATION_TOKEN"
        case .signatureRefused(.signatureExpired): return "EXPIRED_TOKEN"
        case .signatureRefused: return "INVALID_SIGNATURE"
        case .policyDenied(let refusal): return refusal.responseType
        case .forbidden: return "INVALID_API_KEY"
        case .executeApiEndpointDisabled: return "ACCESS_DENIED"
        case .throttled: return "THROTTLED"
        case .quotaExceeded: return "QUOTA_EXCEEDED"
        case .requestTooLarge: return "REQUEST_TOO_LARGE"
        case .unsupportedMediaType: return "UNSUPPORTED_MEDIA_TYPE"
        case .missingRequiredParameters, .dotSegmentInPath: return "BAD_REQUEST_PARAMETERS"
        case .invalidRequestBody: return "BAD_REQUEST_BODY"
        case .integrationTimeout: return "INTEGRATION_TIMEOUT"
        case .integrationFailure: return "INTEGRATION_FAILURE"
        case .internalServerError: return "API_CONFIGURATION_ERROR"
        case .lambdaMalformed, .serviceUnavailable: return "DEFAULT_5XX"
        case .authorizerDenied: return "ACCESS_DENIED"
        case .authorizerConfigurationError: return "AUTHORIZER_CONFIGURATION_ERROR"
        case .authorizerFailure: return "AUTHORIZER_FAILURE"
        }
    }

    /// The response before request decoration (`x-amzn-RequestId` etc. are added by `ResponseDecorator`).
    package var response: HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/json")
        headers.add("x-amzn-ErrorType", errorType)
        return HTTPResponse(status: status, headers: headers, body: Array(body.utf8))
    }

    /// `text` escaped for the inside of a JSON string (without the quotes).
    private static func jsonEscaped(_ text: String) -> String {
        var out = ""
        JSONValue.writeEscaped(text, into: &out)
        return String(out.dropFirst().dropLast())
    }
}
