/// A method's integration, compiled for one stage: the target resolved (stage variables substituted),
/// mapping expressions parsed, selection patterns evaluated.
package struct CompiledIntegration: Sendable, Equatable {
    /// The integration types Tollgate serves.
    package enum Kind: String, Sendable, Equatable {
        case http = "HTTP"
        case httpProxy = "HTTP_PROXY"
        case mock = "MOCK"
        case awsProxy = "AWS_PROXY"
        /// AWS non-proxy: the Lambda custom integration (`…:lambda:path/…/invocations`) or an AWS
        /// service integration (`…:{service}:action/…`, `…:{service}:path/…`).
        case aws = "AWS"

        /// True for the proxy types, whose responses bypass integration-response mapping.
        package var isProxy: Bool { self == .httpProxy || self == .awsProxy }
    }

    /// Where requests go.
    package enum Target: Sendable, Equatable {
        case http(HTTPEndpoint)
        /// A Lambda function name or (qualified) ARN, invoked through the Lambda Invoke API.
        case lambda(function: String)
        /// An AWS service API (SQS, DynamoDB…), SigV4-signed with the integration's `credentials`.
        case awsService(AWSServiceTarget)
        case mock
        /// The definition is valid but cannot be served on this stage (for example a stage variable
        /// makes the URI unparsable, or AWS_PROXY with a verb other than POST). Requests get Amazon
        /// API Gateway's 500 `Internal server error`; the reason is for logs.
        case misconfigured(reason: String)
    }

    /// `passthroughBehavior` (reference §3.3).
    package enum PassthroughBehavior: String, Sendable, Equatable {
        case whenNoMatch = "WHEN_NO_MATCH"
        case whenNoTemplates = "WHEN_NO_TEMPLATES"
        case never = "NEVER"
    }

    /// A request mapping template, compiled, and for a static MOCK template the status code it
    /// declares (`{"statusCode": 200}`: known at compile time, so the request renders nothing).
    package struct RequestTemplate: Sendable, Equatable {
        package let template: MappingTemplate
        /// The status a static template declares; nil for a template that must be evaluated (its
        /// output is read per request) and for a static one that declares none.
        package let mockStatusCode: Int?
        package init(template: MappingTemplate, mockStatusCode: Int?) {
            self.template = template
            self.mockStatusCode = mockStatusCode
        }

        /// Lowercased media type, e.g. `application/json`.
        package var contentType: String { template.contentType }
    }

    /// What to send as the integration request body.
    package enum RequestBodyChoice: Sendable, Equatable {
        case template(RequestTemplate)
        case passthrough
        /// 415 `Unsupported Media Type`.
        case unsupportedMediaType
    }

    package let kind: Kind
    /// The integration verb; nil means "the client's verb" (absent or `ANY`).
    package let httpMethod: String?
    package let target: Target
    package let requestParameters: [RequestParameterMapping]
    /// Sorted by content type.
    package let requestTemplates: [RequestTemplate]
    package let passthroughBehavior: PassthroughBehavior
    package let contentHandling: String?
    package let timeoutMillis: Int
    /// Empty for proxy integrations, which ignore integration responses.
    package let responses: IntegrationResponseTable
    /// The IAM role (`credentials`, stage variables substituted) whose keys sign the call of an `AWS`
    /// or `AWS_PROXY` integration; nil: the node's default keys. Always nil for other types.
    package let credentials: String?
    /// `tlsConfig.insecureSkipVerification`: an `https` endpoint's certificate is not verified.
    package let insecureSkipVerification: Bool
    /// `connectionType: VPC_LINK`: the link whose targets HTTP and HTTP_PROXY calls connect to (the
    /// URI still gives the scheme, `Host`, TLS server name and path); nil: connect to the URI's host.
    package let vpcLink: CompiledVpcLink?

    package init(kind: Kind, httpMethod: String?, target: Target, requestParameters: [RequestParameterMapping],
                 requestTemplates: [RequestTemplate], passthroughBehavior: PassthroughBehavior, contentHandling: String?,
                 timeoutMillis: Int, responses: IntegrationResponseTable, credentials: String? = nil,
                 insecureSkipVerification: Bool = false, vpcLink: CompiledVpcLink? = nil) {
        self.insecureSkipVerification = insecureSkipVerification
        self.vpcLink = vpcLink
        self.kind = kind
        self.httpMethod = httpMethod
        self.target = target
        self.requestParameters = requestParameters
        self.requestTemplates = requestTemplates
        self.passthroughBehavior = passthroughBehavior
        self.contentHandling = contentHandling
        self.timeoutMillis = timeoutMillis
        self.responses = responses
        self.credentials = credentials
    }

    /// Picks the request template for the request's `Content-Type` (media type only, parameters
    /// ignored; absent means `application/json`) and applies the passthrough table of §3.3.
    package func requestBody(forContentType contentType: String?) -> RequestBodyChoice {
        let key = Self.mediaType(contentType) ?? "application/json"
        if let template = requestTemplates.first(where: { $0.contentType == key }) {
            return .template(template)
        }
        switch passthroughBehavior {
        case .whenNoMatch:
            return .passthrough
        case .whenNoTemplates:
            return requestTemplates.isEmpty ? .passthrough : .unsupportedMediaType
        case .never:
            return .unsupportedMediaType
        }
    }

    /// The lowercased media type of a `Content-Type`/`Accept` value (`text/html; q=1` → `text/html`).
    package static func mediaType(_ value: String?) -> String? {
        guard let value else { return nil }
        let head = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let trimmed = head.trimmingASCIIWhitespace()
        return trimmed.isEmpty ? nil : trimmed.lowercased()
    }
}

extension Substring {
    /// The slice without leading and trailing spaces and tabs.
    package func trimmingASCIIWhitespace() -> Substring {
        var start = startIndex, end = endIndex
        while start < end, self[start] == " " || self[start] == "\t" { start = index(after: start) }
        while end > start, self[index(before: end)] == " " || self[index(before: end)] == "\t" { end = index(before: end) }
        return self[start..<end]
    }
}
