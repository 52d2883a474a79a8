import Shared

/// How the gateway's own errors look on an HTTP API (reference §2.4, "HTTP API equivalents"):
/// `{"message":"…"}` with AWS's HTTP API wording, no `x-amzn-ErrorType`, and an integration timeout
/// answering 503. The one mapping for HTTP APIs, as `GatewayError+Response` is for REST APIs.
extension GatewayError {
    /// Status and message an HTTP API answers this error with.
    var httpApiStatusAndMessage: (Int, String) {
        switch self {
        case .missingAuthenticationToken, .unknownApi, .noApiInRequest: return (404, "Not Found")
        case .unauthorized: return (401, "Unauthorized")
        case .forbidden, .executeApiEndpointDisabled, .accessDenied, .cacheInvalidationDenied, .signatureRefused, .policyDenied,
             .authorizerDenied:
            return (403, "Forbidden")
        case .throttled, .quotaExceeded: return (429, "Too Many Requests")
        case .requestTooLarge: return (413, "Request Entity Too Large")
        case .unsupportedMediaType: return (415, "Unsupported Media Type")
        case .missingRequiredParameters, .invalidRequestBody, .dotSegmentInPath: return (400, "Bad Request")
        case .integrationTimeout, .serviceUnavailable: return (503, "Service Unavailable")
        case .integrationFailure, .internalServerError, .lambdaMalformed, .authorizerConfigurationError, .authorizerFailure:
            return (500, "Internal Server Error")
        }
    }

    /// The HTTP API response before decoration (`apigw-requestid` is added by `HttpApiResponseDecorator`).
    var httpApiResponse: HTTPResponse {
        let (status, message) = httpApiStatusAndMessage
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/json")
        return HTTPResponse(status: status, headers: headers, body: Array(#"{"message":"\#(message)"}"#.utf8))
    }

    /// The response for this error on `stage`: an HTTP API's (`httpApiResponse`) on an HTTP API
    /// stage, else the REST one (`response`).
    package func response(on stage: CompiledStage) -> HTTPResponse {
        stage.httpApi == nil ? response : httpApiResponse
    }
}
