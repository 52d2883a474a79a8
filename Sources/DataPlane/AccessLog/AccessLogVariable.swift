import Shared

/// One `$context.NAME` of an access log format, resolved once per snapshot to where its value
/// comes from, so rendering a line switches over cases instead of comparing names.
///
/// The REST API access-logging variables (AWS's "Variables for access logging" table): those the
/// request knows (`Invocation`), those only its end knows (`CompletionRecord`: `status`,
/// `responseLength`, `responseLatency`, `integrationLatency`, `error.*`), and those Tollgate does not
/// record (`integrationStatus`, `authorize.*`, `waf*`, …), which render `-` like any missing value.
enum AccessLogVariable: Sendable, Equatable {
    case requestId
    case extendedRequestId
    case sourceIp
    case httpMethod
    case resourcePath
    case path
    case `protocol`
    case requestTime
    case requestTimeEpoch
    case apiId
    case stage
    case status
    case responseLength
    /// Milliseconds from the end of routing to the response handed to the connection.
    case responseLatency
    /// Milliseconds of the integration step (`integrationLatency`, `integration.latency`).
    case integrationLatency
    case errorMessage
    /// `error.message` in double quotes.
    case errorMessageString
    case errorResponseType
    case errorValidationErrorString
    /// `authorizer.integrationLatency`: the Lambda authorizer call's milliseconds (0 from its cache).
    case authorizerIntegrationLatency
    /// `authorizer.principalId`, `authorizer.claims.X`, `authorizer.KEY`: the key after `authorizer.`.
    case authorizer(String)
    /// Any other variable the request's context knows (`Invocation.contextVariable`: `identity.*`,
    /// `domainName`, `xrayTraceId`, …); nil there renders `-`.
    case context(String)
    /// Documented, but not recorded by Tollgate, or not a variable at all: always `-`.
    case unavailable

    /// Where `name` (after `$context.`) comes from.
    init(name: String) {
        switch name {
        case "requestId": self = .requestId
        case "extendedRequestId": self = .extendedRequestId
        case "identity.sourceIp": self = .sourceIp
        case "httpMethod": self = .httpMethod
        case "resourcePath": self = .resourcePath
        case "path": self = .path
        case "protocol": self = .protocol
        case "requestTime": self = .requestTime
        case "requestTimeEpoch": self = .requestTimeEpoch
        case "apiId": self = .apiId
        case "stage": self = .stage
        case "status": self = .status
        case "responseLength": self = .responseLength
        case "responseLatency": self = .responseLatency
        case "integrationLatency", "integration.latency": self = .integrationLatency
        case "error.message": self = .errorMessage
        case "error.messageString": self = .errorMessageString
        case "error.responseType": self = .errorResponseType
        case "error.validationErrorString": self = .errorValidationErrorString
        case "authorizer.integrationLatency": self = .authorizerIntegrationLatency
        // Access-log-only variables Tollgate does not record yet (docs/compatibility.md).
        case "integrationStatus", "integration.status", "integration.integrationStatus", "integration.error",
             "integration.requestId", "integrationErrorMessage", "authorizer.error", "authorizer.latency",
             "authorizer.status", "authorizer.requestId", "authorizer.integrationStatus", "customDomain.basePathMatched",
             "wafResponseCode", "webaclArn", "awsEndpointRequestId", "awsEndpointRequestId2":
            self = .unavailable
        default:
            if name.hasPrefix("authorize.") || name.hasPrefix("authenticate.") || name.hasPrefix("waf.")
                || name.hasPrefix("requestOverride") || name.hasPrefix("responseOverride") {
                self = .unavailable
            } else if name.hasPrefix("authorizer."), name.count > "authorizer.".count {
                self = .authorizer(String(name.dropFirst("authorizer.".count)))
            } else {
                self = .context(name)
            }
        }
    }
}
