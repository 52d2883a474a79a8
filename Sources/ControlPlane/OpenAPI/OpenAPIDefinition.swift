import Shared

/// What an OpenAPI document defines, read by `OpenAPIImporter` and not yet placed in an API: the
/// store applies it in one transaction (`applied(to:…)`), so a document with any error stores nothing.
///
/// Parts refer to each other by name, not id: a method's `authorizerId` holds the authorizer's name
/// (the security scheme's) and its `requestValidatorId` the validator's name; models, authorizers,
/// validators and documentation parts carry empty ids. `applied` assigns the ids; documentation
/// parts are not part of the definition placed: the admin API writes them to the documentation
/// store (`AdminAPI.writeDocumentationParts`), which assigns theirs.
struct OpenAPIDefinition: Sendable, Equatable {
    /// One path of the document, after the base path was applied: `/pets/{id}` and its methods in
    /// document order (`ANY` for `x-amazon-apigateway-any-method`).
    struct Path: Sendable, Equatable {
        var path: String
        var methods: [Method]
    }

    var title: String
    var description: String?
    var version: String?
    var binaryMediaTypes: [String]?
    var minimumCompressionSize: Int?
    var apiKeySource: String?
    var policy: String?
    /// From `x-amazon-apigateway-endpoint-configuration`.
    var vpcEndpointIds: [String]?
    var disableExecuteApiEndpoint: Bool?
    var paths: [Path] = []
    var models: [Model] = []
    var authorizers: [Authorizer] = []
    var requestValidators: [RequestValidator] = []
    var gatewayResponses: [GatewayResponse] = []
    /// Nil when the document has no `x-amazon-apigateway-documentation` (or `ignore=documentation`).
    var documentationParts: [DocumentationPart]?
    var documentationVersion: String?
    /// AWS-style warnings: what the import skipped. The caller refuses them with `failonwarnings=true`.
    var warnings: [String] = []

    init(title: String) {
        self.title = title
    }
}
