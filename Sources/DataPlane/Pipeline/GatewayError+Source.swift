extension GatewayError {
    /// Who caused this error (`ErrorSource`), for completion records; the response does not depend on it.
    /// An integration that AWS reports as a configuration error (Lambda refusing the invocation,
    /// no matching integration response: `API_CONFIGURATION_ERROR`) counts as the gateway's.
    package var source: ErrorSource {
        switch self {
        case .missingAuthenticationToken, .unknownApi, .noApiInRequest, .accessDenied, .cacheInvalidationDenied, .unauthorized, .forbidden,
             .executeApiEndpointDisabled, .throttled, .quotaExceeded, .requestTooLarge, .unsupportedMediaType,
             .missingRequiredParameters, .invalidRequestBody, .dotSegmentInPath, .signatureRefused, .policyDenied:
            return .client
        case .integrationTimeout, .integrationFailure, .lambdaMalformed:
            return .integration
        case .internalServerError, .serviceUnavailable:
            return .gateway
        case .authorizerDenied:
            return .client
        // The authorizer function (or identity provider) is the upstream of this phase.
        case .authorizerConfigurationError, .authorizerFailure:
            return .integration
        }
    }
}
