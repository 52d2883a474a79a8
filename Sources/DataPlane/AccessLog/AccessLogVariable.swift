import Shared

/// One `$context.NAME` of an access log format, resolved once per snapshot to where its value
/// comes from, so rendering a line switches over cases instead of comparing names.
///
/// The REST API access-logging variables (AWS's "Variables for access logging" table): those the
/// request knows (`Invocation`, with its `AuthStepRecord` for `authenticate.*`, `authorize.*`,
/// `authorizer.*`), those only its end knows (`CompletionRecord`: `status`, `responseLength`,
/// `responseLatency`, `integrationLatency`, `error.*`, and its `IntegrationReport` for
/// `integration.*`, `integrationStatus`, `awsEndpointRequestId`), and those Tollgate does not record
/// (`waf*`, …), which render `-` like any missing value.
enum AccessLogVariable: Sendable, Equatable {
    /// The three method-request steps of `AuthStepRecord`.
    enum AuthStep: Sendable, Equatable {
        case authenticate, authorize, authorizer
    }

    /// A field of `IAMCallerIdentity`.
    enum IAMField: Sendable, Equatable {
        case userArn, accessKey, user, caller, accountId
    }

    /// What of a step is shown.
    enum StepField: Sendable, Equatable {
        case status, latency, error
    }

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
    /// `authorizer.integrationStatus`: the Lambda authorizer's Invoke API status.
    case authorizerIntegrationStatus
    /// `authorizer.requestId`: the Lambda authorizer's Invoke request id (`x-amzn-RequestId`).
    case authorizerRequestId
    /// `authenticate.*`, `authorize.*`, `authorizer.{status,latency,error}`.
    case authStep(AuthStep, StepField)
    /// `integrationStatus`, `integration.integrationStatus`: for Lambda the Invoke API's status.
    case integrationStatus
    /// `integration.status`: what the integration returned (AWS_PROXY: the function's `statusCode`).
    case integrationStatusCode
    /// `integration.error`, `integrationErrorMessage`.
    case integrationError
    /// `integration.requestId`, `awsEndpointRequestId`: the AWS endpoint's request id.
    case integrationRequestId
    /// `awsEndpointRequestId2`: S3's `x-amz-id-2`.
    case awsEndpointRequestId2
    /// The IAM caller's `identity.userArn`, `.accessKey`, `.user`, `.caller`, `.accountId` (AWS_IAM
    /// methods; `-` on others), resolved here rather than by name per line.
    case iamIdentity(IAMField)
    /// `authorizer.principalId`, `authorizer.claims.X`, `authorizer.KEY`: the key after `authorizer.`.
    case authorizer(String)
    /// Any other variable the request's context knows (`Invocation.contextVariable`: `identity.*`,
    /// `domainName`, `xrayTraceId`, …); nil there renders `-`.
    case context(String)
    /// `customDomain.basePathMatched`: the custom domain's base path that routed the request
    /// (`(none)` for the empty one), `-` through an invoke URL.
    case basePathMatched
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
        case "authorizer.integrationStatus": self = .authorizerIntegrationStatus
        case "authorizer.requestId": self = .authorizerRequestId
        case "authorizer.status": self = .authStep(.authorizer, .status)
        case "authorizer.latency": self = .authStep(.authorizer, .latency)
        case "authorizer.error": self = .authStep(.authorizer, .error)
        case "authorize.status": self = .authStep(.authorize, .status)
        case "authorize.latency": self = .authStep(.authorize, .latency)
        case "authorize.error": self = .authStep(.authorize, .error)
        case "authenticate.status": self = .authStep(.authenticate, .status)
        case "authenticate.latency": self = .authStep(.authenticate, .latency)
        case "authenticate.error": self = .authStep(.authenticate, .error)
        case "integrationStatus", "integration.integrationStatus": self = .integrationStatus
        case "integration.status": self = .integrationStatusCode
        case "integration.error", "integrationErrorMessage": self = .integrationError
        case "integration.requestId", "awsEndpointRequestId": self = .integrationRequestId
        case "awsEndpointRequestId2": self = .awsEndpointRequestId2
        case "identity.userArn": self = .iamIdentity(.userArn)
        case "identity.accessKey": self = .iamIdentity(.accessKey)
        case "identity.user": self = .iamIdentity(.user)
        case "identity.caller": self = .iamIdentity(.caller)
        case "identity.accountId": self = .iamIdentity(.accountId)
        // Access-log-only variables Tollgate does not record (docs/compatibility.md).
        case "customDomain.basePathMatched": self = .basePathMatched
        case "wafResponseCode", "webaclArn":
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
