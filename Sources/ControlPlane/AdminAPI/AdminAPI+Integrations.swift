import Shared

/// Integrations (Put/Get/Update/DeleteIntegration) and integration responses
/// (Put/Get/Update/DeleteIntegrationResponse).
///
/// Types HTTP, HTTP_PROXY, MOCK and AWS_PROXY (Lambda) are validated as AWS does and stored with AWS's
/// defaults. Type AWS is stored after the same ARN checks; whether the data plane can serve it is
/// decided by the shared compiler at CreateDeployment. `connectionType` VPC_LINK needs an HTTP or
/// HTTP_PROXY integration and a `connectionId` naming a VPC link whose targets are `host:port`
/// addresses (or a `${stageVariables.…}` reference, resolved per stage on the nodes).
extension AdminAPI {
    static let integrationHandlers: [String: Handler] = [
        "PutIntegration": { try $0.putIntegration(&$1, $2) },
        "GetIntegration": { api, call, tx in try .json(requireIntegration(api.readMethod(call, tx))) },
        "UpdateIntegration": { api, call, tx in
            let patches = try call.patchOperations()
            return try .json(api.modifyMethod(call, tx) { method in
                var integration = try requireIntegration(method)
                for patch in patches { try applyIntegrationPatch(patch, to: &integration) }
                try checkIntegration(integration, operation: call.operation.name, accountId: api.configuration.accountId)
                try checkVpcLink(of: integration, tx)
                method.methodIntegration = integration
                return integration
            })
        },
        "DeleteIntegration": { api, call, tx in
            try api.modifyMethod(call, tx) { method in
                _ = try requireIntegration(method)
                method.methodIntegration = nil
            }
            return .empty
        },
        "PutIntegrationResponse": { try $0.putIntegrationResponse(&$1, $2) },
        "GetIntegrationResponse": { api, call, tx in
            try .json(requireIntegrationResponse(call.label("status_code"), in: requireIntegration(api.readMethod(call, tx))))
        },
        "UpdateIntegrationResponse": { api, call, tx in
            let patches = try call.patchOperations()
            let status = call.label("status_code")
            return try .json(api.modifyMethod(call, tx) { method in
                var response = try requireIntegrationResponse(status, in: requireIntegration(method))
                for patch in patches { try applyIntegrationResponsePatch(patch, to: &response) }
                method.methodIntegration?.integrationResponses?[status] = response
                return response
            })
        },
        "DeleteIntegrationResponse": { api, call, tx in
            let status = call.label("status_code")
            try api.modifyMethod(call, tx) { method in
                _ = try requireIntegrationResponse(status, in: requireIntegration(method))
                method.methodIntegration?.integrationResponses?[status] = nil
                if method.methodIntegration?.integrationResponses?.isEmpty == true {
                    method.methodIntegration?.integrationResponses = nil
                }
            }
            return .empty
        },
    ]

    static let integrationTypes = ["HTTP", "AWS", "MOCK", "HTTP_PROXY", "AWS_PROXY"]
    static let passthroughBehaviors = ["WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER"]
    static let contentHandlings = ["CONVERT_TO_BINARY", "CONVERT_TO_TEXT"]

    /// Body of PutIntegration (`httpMethod` is the SDK's `integrationHttpMethod`).
    struct PutIntegrationInput: Decodable {
        var type: String?
        var httpMethod: String?
        var uri: String?
        var connectionType: String?
        var connectionId: String?
        var credentials: String?
        var requestParameters: [String: String]?
        var requestTemplates: [String: String]?
        var passthroughBehavior: String?
        var cacheNamespace: String?
        var cacheKeyParameters: [String]?
        var contentHandling: String?
        var timeoutInMillis: Int?
        var tlsConfig: TlsConfig?
        var responseTransferMode: String?
    }

    func putIntegration(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let input = try call.input(PutIntegrationInput.self)
        let operation = call.operation.name
        let resourceId = call.label("resource_id")
        return try .json(modifyMethod(call, tx) { method in
            guard let type = input.type else { throw AdminError.missing("type", in: operation) }
            let integration = Integration(
                type: type, httpMethod: input.httpMethod, uri: input.uri, connectionType: input.connectionType ?? "INTERNET",
                connectionId: input.connectionId, credentials: input.credentials, requestParameters: input.requestParameters,
                requestTemplates: input.requestTemplates, passthroughBehavior: input.passthroughBehavior ?? "WHEN_NO_MATCH",
                contentHandling: input.contentHandling, timeoutInMillis: input.timeoutInMillis ?? 29000,
                cacheNamespace: input.cacheNamespace ?? resourceId, cacheKeyParameters: input.cacheKeyParameters ?? [],
                tlsConfig: input.tlsConfig, responseTransferMode: input.responseTransferMode)
            try Self.checkIntegration(integration, operation: operation, accountId: configuration.accountId)
            try Self.checkVpcLink(of: integration, tx)
            method.methodIntegration = integration
            return integration
        })
    }

    /// Body of PutIntegrationResponse.
    struct PutIntegrationResponseInput: Decodable {
        var selectionPattern: String?
        var responseParameters: [String: String]?
        var responseTemplates: [String: String]?
        var contentHandling: String?
    }

    func putIntegrationResponse(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let input = try call.input(PutIntegrationResponseInput.self)
        let status = call.label("status_code")
        let operation = call.operation.name
        return try .json(modifyMethod(call, tx) { method in
            var integration = try Self.requireIntegration(method)
            try Self.checkStatusCode(status)
            _ = try Self.requireMethodResponse(status, in: method)
            if let handling = input.contentHandling, !Self.contentHandlings.contains(handling) {
                throw AdminError.notInEnum(handling, "contentHandling", in: operation, allowed: Self.contentHandlings)
            }
            let response = IntegrationResponse(statusCode: status, selectionPattern: input.selectionPattern,
                                               responseParameters: input.responseParameters,
                                               responseTemplates: input.responseTemplates, contentHandling: input.contentHandling)
            integration.integrationResponses = (integration.integrationResponses ?? [:]).merging([status: response]) { $1 }
            method.methodIntegration = integration
            return response
        })
    }

    static func requireIntegration(_ method: Method) throws(AdminError) -> Integration {
        guard let integration = method.methodIntegration else { throw .notFound("Invalid Integration identifier specified") }
        return integration
    }

    static func requireIntegrationResponse(_ status: String, in integration: Integration) throws(AdminError) -> IntegrationResponse {
        guard let response = integration.integrationResponses?[status] else {
            throw .notFound("Invalid Response status code specified")
        }
        return response
    }

    // MARK: - Validation

    /// AWS's checks on an integration, in AWS's order and words.
    ///
    /// `accountId` is the control plane's account: an AWS integration whose `credentials` name a role
    /// of another account is refused as AWS refuses it (403 "Cross-account pass role is not allowed.");
    /// nil skips that check (the OpenAPI importer, which is not given the account). Nodes sign the
    /// call with the keys their `--aws-credentials` map to the role (docs/compatibility.md, `credentials`).
    static func checkIntegration(_ integration: Integration, operation: String, accountId: String? = nil) throws(AdminError) {
        guard integrationTypes.contains(integration.type) else {
            throw .notInEnum(integration.type, "type", in: operation, allowed: integrationTypes)
        }
        switch integration.type {
        case "HTTP", "HTTP_PROXY":
            guard let verb = integration.httpMethod, !verb.isEmpty else {
                throw .badRequest("Enumeration value for HttpMethod must be non-empty")
            }
            guard isHTTPEndpoint(integration.uri) else { throw .badRequest("Invalid HTTP endpoint specified for URI") }
        case "AWS", "AWS_PROXY":
            guard let verb = integration.httpMethod, !verb.isEmpty else {
                throw .badRequest("Enumeration value for HttpMethod must be non-empty")
            }
            let service = try awsIntegrationService(integration.uri)
            if let accountId, let roleAccount = roleAccount(integration.credentials), roleAccount != accountId {
                throw .accessDenied("Cross-account pass role is not allowed.")
            }
            if integration.type == "AWS_PROXY" && service != "lambda" {
                throw .badRequest("Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.")
            }
            // S3 is called with a role only (AWS's check as moto records it; for other services AWS's
            // check is unknown: without a role their calls are signed with the nodes' default keys).
            if integration.type == "AWS" && service == "s3" && (integration.credentials ?? "").isEmpty {
                throw .badRequest("Role ARN must be specified for AWS integrations")
            }
        default:
            break
        }
        if integration.connectionType == "VPC_LINK" {
            guard integration.type == "HTTP" || integration.type == "HTTP_PROXY" else {
                throw .badRequest("VPC_LINK connectionType is only supported for HTTP and HTTP_PROXY integrations")
            }
            guard let id = integration.connectionId, !id.isEmpty else {
                throw .badRequest("connectionId must be specified when connectionType is VPC_LINK")
            }
        }
        if let connectionType = integration.connectionType, connectionType != "INTERNET" && connectionType != "VPC_LINK" {
            throw .notInEnum(connectionType, "connectionType", in: operation, allowed: ["INTERNET", "VPC_LINK"])
        }
        guard (50...29000).contains(integration.timeoutInMillis) else {
            throw .badRequest("Timeout should be between 50 ms and 29000 ms")
        }
        if let behavior = integration.passthroughBehavior, !passthroughBehaviors.contains(behavior) {
            throw .badRequest("Invalid passthrough behavior specified: \(behavior). Valid options are WHEN_NO_MATCH, WHEN_NO_TEMPLATES, NEVER")
        }
        if let handling = integration.contentHandling, !contentHandlings.contains(handling) {
            throw .notInEnum(handling, "contentHandling", in: operation, allowed: contentHandlings)
        }
    }

    /// A `VPC_LINK` integration's `connectionId`, when it names a link directly (not through stage
    /// variables): the link must exist and every one of its `targetArns` must be an address
    /// `host:port` a node can connect to (`CompiledVpcLink`), else 400. Links named through stage
    /// variables are resolved per stage on the nodes (an unusable one answers 500 there and is logged).
    static func checkVpcLink(of integration: Integration, _ tx: ConfigTransaction) throws {
        guard integration.connectionType == "VPC_LINK", let id = integration.connectionId, !StageVariableTemplate.hasReferences(id) else { return }
        guard let link = try tx.vpcLink(id) else { throw AdminError.badRequest("Invalid VPC link identifier specified: \(id)") }
        guard CompiledVpcLink(id: link.id, targetArns: link.targetArns) != nil else {
            throw AdminError.badRequest("VPC link \(id) cannot be used by Tollgate: its targetArns must be addresses host:port for the nodes to connect to (found \(link.targetArns.joined(separator: ", ")))")
        }
    }

    /// The account of an IAM role ARN (`arn:PARTITION:iam::ACCOUNT:role/…`); nil for anything else,
    /// such as `arn:aws:iam::*:user/*` (the caller's own credentials), which names no other account.
    static func roleAccount(_ credentials: String?) -> String? {
        guard let credentials else { return nil }
        let fields = credentials.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0] == "arn", fields[2] == "iam", fields[5].hasPrefix("role/"),
              fields[4].count == 12, fields[4].allSatisfy(\.isNumber) else { return nil }
        return String(fields[4])
    }

    /// `http(s)://HOST…` with a non-empty host (which may be a `${stageVariables.x}` reference).
    static func isHTTPEndpoint(_ uri: String?) -> Bool {
        guard let uri else { return false }
        for scheme in ["http://", "https://"] where uri.lowercased().hasPrefix(scheme) {
            let rest = uri.dropFirst(scheme.count)
            let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            return !host.isEmpty && !host.contains(" ")
        }
        return false
    }

    /// The service of an `arn:aws:apigateway:REGION:SERVICE:path/…` or `:action/…` integration URI.
    static func awsIntegrationService(_ uri: String?) throws(AdminError) -> String {
        guard let uri, uri.hasPrefix("arn:") else { throw .badRequest("Invalid ARN specified in the request") }
        let fields = uri.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6 else { throw .badRequest("Invalid ARN specified in the request") }
        // Any other ARN (a role's, or a function's given directly) fails AWS's path-or-action check first.
        guard fields[5].hasPrefix("path/") || fields[5].hasPrefix("action/") else {
            throw .badRequest("AWS ARN for integration must contain path or action")
        }
        guard fields[2] == "apigateway", !fields[4].isEmpty else {
            throw .badRequest("Invalid ARN specified in the request")
        }
        return String(fields[4])
    }

    // MARK: - Patches

    static func applyIntegrationPatch(_ patch: PatchOperation, to integration: inout Integration) throws {
        let segments = patch.segments
        let optional = patch.value.flatMap { $0.isEmpty ? nil : $0 }
        switch (patch.op, segments.first ?? "", segments.count) {
        case ("replace", "httpMethod", 1): integration.httpMethod = optional
        case ("replace", "uri", 1): integration.uri = optional
        case ("replace", "connectionType", 1): integration.connectionType = optional
        case ("replace", "connectionId", 1): integration.connectionId = optional
        case ("replace", "credentials", 1): integration.credentials = optional
        case ("replace", "passthroughBehavior", 1): integration.passthroughBehavior = optional
        case ("replace", "contentHandling", 1): integration.contentHandling = optional
        case ("replace", "cacheNamespace", 1): integration.cacheNamespace = optional
        case ("replace", "timeoutInMillis", 1): integration.timeoutInMillis = try patch.intValue()
        case ("replace", "tlsConfig", 2) where segments[1] == "insecureSkipVerification":
            integration.tlsConfig = TlsConfig(insecureSkipVerification: try patch.boolValue())
        case ("add", "cacheKeyParameters", 2):
            if !(integration.cacheKeyParameters ?? []).contains(segments[1]) {
                integration.cacheKeyParameters = (integration.cacheKeyParameters ?? []) + [segments[1]]
            }
        case ("remove", "cacheKeyParameters", 2):
            integration.cacheKeyParameters = integration.cacheKeyParameters?.filter { $0 != segments[1] }
        default:
            try applyMappingPatch(patch, "requestParameters", &integration.requestParameters,
                                  "requestTemplates", &integration.requestTemplates)
        }
    }

    static func applyIntegrationResponsePatch(_ patch: PatchOperation, to response: inout IntegrationResponse) throws {
        let segments = patch.segments
        switch (patch.op, segments.first ?? "", segments.count) {
        case ("replace", "selectionPattern", 1): response.selectionPattern = patch.value
        case ("replace", "contentHandling", 1):
            let handling = patch.value.flatMap { $0.isEmpty ? nil : $0 }
            if let handling, !contentHandlings.contains(handling) {
                throw AdminError.badRequest("Invalid content handling specified: \(handling)")
            }
            response.contentHandling = handling
        default:
            try applyMappingPatch(patch, "responseParameters", &response.responseParameters,
                                  "responseTemplates", &response.responseTemplates)
        }
    }

    /// The mapping members an integration and its responses share: `/PARAMETERS/NAME` (a value is
    /// required) and `/TEMPLATES/CONTENT-TYPE` (no value stores the empty template); any other path
    /// is AWS's `Invalid patch path`.
    static func applyMappingPatch(_ patch: PatchOperation, _ parametersMember: String, _ parameters: inout [String: String]?,
                                  _ templatesMember: String, _ templates: inout [String: String]?) throws {
        let segments = patch.segments
        guard segments.count == 2 else { throw patch.unknownPath }
        switch segments[0] {
        case parametersMember: try patch.apply(to: &parameters, key: segments[1]) { try patch.requiredValue() }
        case templatesMember: try patch.apply(to: &templates, key: segments[1]) { patch.value ?? "" }
        default: throw patch.unknownPath
        }
    }
}
