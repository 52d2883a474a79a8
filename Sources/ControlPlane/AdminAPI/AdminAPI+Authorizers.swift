import Shared

/// Authorizers (Create/Get/GetAuthorizers/Update/Delete) and FlushStageAuthorizersCache
/// (TestInvokeAuthorizer: `AdminAPI+TestInvoke`). Authorizers live in the API's definition (`DeploymentContent`), so a
/// deployment freezes them; no change here touches a published stage. Nodes run them
/// (`DataPlane/Authorizer`); a flush bumps the stage's `authorizerCacheGeneration`, which reaches
/// every node with the snapshot.
extension AdminAPI {
    /// Authorizers of an API, by `authorizer_id`.
    static let authorizers = restApis.child(label: "authorizer_id", notFound: "Invalid Authorizer identifier specified") {
        _, content, id in content.authorizers?.first { $0.id == id }
    }

    static let authorizerTypes = ["TOKEN", "REQUEST", "COGNITO_USER_POOLS"]
    /// AWS's cache TTL when the caller sets none, and its maximum.
    static let defaultAuthorizerTTL = 300
    static let maximumAuthorizerTTL = 3600

    static let authorizerHandlers: [String: Handler] = [
        "CreateAuthorizer": authorizers.createHandler(CreateAuthorizerInput.self, idLength: ResourceID.childLength,
                                                      make: newAuthorizer, save: saveAuthorizer),
        "GetAuthorizers": authorizers.listHandler { content, _, _ in content.authorizers ?? [] },
        "GetAuthorizer": authorizers.getHandler(),
        "UpdateAuthorizer": authorizers.updateHandler(apply: { patch, authorizer, _ in try applyAuthorizerPatch(patch, to: &authorizer) },
                                                      save: { authorizer, content, call, tx in
            try checkAuthorizer(authorizer, operation: call.operation.name)
            try saveAuthorizer(authorizer, content, call, tx)
        }),
        "DeleteAuthorizer": authorizers.deleteHandler { tx, content, id in try authorizerList.delete(id, from: content, tx) },
        "FlushStageAuthorizersCache": { api, call, tx in
            // The stage must exist, as on AWS. Its flush generation goes to every node with the
            // next snapshot; cache keys name it, so the old entries are never hit again.
            var stage = try stages.require(api, call, tx)
            stage.authorizerCacheGeneration = (stage.authorizerCacheGeneration ?? 0) + 1
            try tx.putStage(restApiId: call.label("restapi_id"), stage)
            return .empty
        },
    ]

    /// Body of CreateAuthorizer.
    struct CreateAuthorizerInput: Decodable {
        var name: String?
        var type: String?
        var providerARNs: [String]?
        var authType: String?
        var authorizerUri: String?
        var authorizerCredentials: String?
        var identitySource: String?
        var identityValidationExpression: String?
        var authorizerResultTtlInSeconds: Int?
    }

    @Sendable static func newAuthorizer(_ input: CreateAuthorizerInput, id: String, _ content: DeploymentContent,
                                        _ call: AdminCall, _ tx: ConfigTransaction) throws -> Authorizer {
        let operation = call.operation.name
        guard let name = input.name else { throw AdminError.missing("name", in: operation) }
        guard let type = input.type else { throw AdminError.missing("type", in: operation) }
        guard authorizerTypes.contains(type) else {
            throw AdminError.notInEnum(type, "type", in: operation, allowed: authorizerTypes)
        }
        let authorizer = Authorizer(
            id: id, name: name, type: type, providerARNs: input.providerARNs, authType: input.authType,
            authorizerUri: input.authorizerUri, authorizerCredentials: input.authorizerCredentials,
            identitySource: input.identitySource, identityValidationExpression: input.identityValidationExpression,
            authorizerResultTtlInSeconds: input.authorizerResultTtlInSeconds ?? defaultAuthorizerTTL)
        try checkAuthorizer(authorizer, operation: operation)
        return authorizer
    }

    /// The definition's authorizers as the handlers edit them.
    static let authorizerList = DefinitionPartList<Authorizer>(kind: "authorizer", parts: \.authorizers, id: \.id) { method, id in
        method.authorizerId == id
    }

    @Sendable static func saveAuthorizer(_ authorizer: Authorizer, _ content: DeploymentContent, _: AdminCall,
                                         _ tx: ConfigTransaction) throws {
        try authorizerList.save(authorizer, in: content, tx)
    }

    /// What an authorizer must hold after CreateAuthorizer or UpdateAuthorizer.
    static func checkAuthorizer(_ authorizer: Authorizer, operation: String) throws(AdminError) {
        guard !authorizer.name.isEmpty else { throw .badRequest("Authorizer name must be non-empty") }
        guard authorizerTypes.contains(authorizer.type) else {
            throw .badRequest("Invalid authorizer type specified: \(authorizer.type). Must be one of: [TOKEN, REQUEST, COGNITO_USER_POOLS]")
        }
        if let ttl = authorizer.authorizerResultTtlInSeconds, !(0...maximumAuthorizerTTL).contains(ttl) {
            throw .badRequest("Invalid authorizerResultTtlInSeconds specified: \(ttl). It must be between 0 and \(maximumAuthorizerTTL)")
        }
        switch authorizer.type {
        case "COGNITO_USER_POOLS":
            guard let arns = authorizer.providerARNs, !arns.isEmpty else {
                throw .badRequest("ProviderARNs need to be specified for a COGNITO_USER_POOLS authorizer")
            }
        default:
            guard authorizer.authorizerUri?.isEmpty == false else {
                throw .badRequest("Authorizer URI must be specified for a \(authorizer.type) authorizer")
            }
            if authorizer.type == "TOKEN" {
                let source = authorizer.identitySource ?? ""
                guard isHeaderExpression(source) else {
                    throw .badRequest("Invalid token source expression: \(source.isEmpty ? "null" : source). The source must be a method request header, matching 'method.request.header.[a-zA-Z0-9._-]+'.")
                }
            }
        }
    }

    /// `method.request.header.NAME` with NAME in `[a-zA-Z0-9._-]+`.
    static func isHeaderExpression(_ text: String) -> Bool {
        let prefix = "method.request.header."
        guard text.hasPrefix(prefix) else { return false }
        let name = text.dropFirst(prefix.count)
        return !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }

    /// UpdateAuthorizer's paths: replace of each scalar field; add/remove of one provider ARN
    /// (`/providerARNs/{arn}`, or `/providerARNs` with the ARN as value).
    static func applyAuthorizerPatch(_ patch: PatchOperation, to authorizer: inout Authorizer) throws {
        let segments = patch.segments
        let optional = patch.value.flatMap { $0.isEmpty ? nil : $0 }
        switch (patch.op, segments.first ?? "", segments.count) {
        case ("replace", "name", 1): authorizer.name = try patch.requiredValue()
        case ("replace", "type", 1): authorizer.type = try patch.requiredValue()
        case ("replace", "authType", 1): authorizer.authType = optional
        case ("replace", "authorizerUri", 1): authorizer.authorizerUri = optional
        case ("replace", "authorizerCredentials", 1): authorizer.authorizerCredentials = optional
        case ("replace", "identitySource", 1): authorizer.identitySource = optional
        case ("replace", "identityValidationExpression", 1): authorizer.identityValidationExpression = optional
        case ("replace", "authorizerResultTtlInSeconds", 1): authorizer.authorizerResultTtlInSeconds = try patch.intValue()
        case ("add", "providerARNs", 1), ("add", "providerARNs", 2):
            let arn = segments.count == 2 ? segments[1] : try patch.requiredValue()
            if authorizer.providerARNs?.contains(arn) != true { authorizer.providerARNs = (authorizer.providerARNs ?? []) + [arn] }
        case ("remove", "providerARNs", 1), ("remove", "providerARNs", 2):
            let arn = segments.count == 2 ? segments[1] : try patch.requiredValue()
            authorizer.providerARNs = authorizer.providerARNs?.filter { $0 != arn }
            if authorizer.providerARNs?.isEmpty == true { authorizer.providerARNs = nil }
        case ("replace", "providerARNs", 1):
            authorizer.providerARNs = try patch.requiredValue().split(separator: ",").map { String($0) }
        default:
            throw patch.unknownPath
        }
    }
}
