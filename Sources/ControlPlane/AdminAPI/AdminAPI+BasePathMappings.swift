import Shared

/// Base path mappings of a custom domain name: Create/Get/GetBasePathMappings/Update/Delete.
/// Nodes route by them (`CompiledDomainName.match`); every change bumps the revision (`docs/compatibility.md`).
extension AdminAPI {
    /// The mappings of a domain name, by `base_path` (`(none)` for the empty base path).
    static let basePathMappings = domainNames.child(label: "base_path", notFound: "Invalid base path mapping identifier specified") {
        tx, domain, basePath in try tx.basePathMapping(domainName: domain.domainName, basePath: basePath)
    }

    static let basePathMappingHandlers: [String: Handler] = [
        "CreateBasePathMapping": { try $0.createBasePathMapping(&$1, $2) },
        "GetBasePathMappings": basePathMappings.listHandler { domain, _, tx in try tx.basePathMappings(domainName: domain.domainName) },
        "GetBasePathMapping": basePathMappings.getHandler(),
        "UpdateBasePathMapping": { try $0.updateBasePathMapping(&$1, $2) },
        "DeleteBasePathMapping": basePathMappings.deleteHandler { tx, domain, basePath in
            try tx.deleteBasePathMapping(domainName: domain.domainName, basePath: basePath)
        },
    ]

    /// Body of CreateBasePathMapping.
    struct CreateBasePathMappingInput: Decodable {
        var basePath: String?
        var restApiId: String?
        var stage: String?
    }

    func createBasePathMapping(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let domain = try requireDomainName(call, tx)
        let input = try call.input(CreateBasePathMappingInput.self)
        guard let apiId = input.restApiId else { throw AdminError.missing("restApiId", in: call.operation.name) }
        let mapping = BasePathMapping(basePath: try BasePathRules.stored(input.basePath), restApiId: apiId,
                                      stage: input.stage.flatMap { $0.isEmpty ? nil : $0 })
        try checkTarget(of: mapping, tx)
        guard try tx.insertBasePathMapping(domainName: domain.domainName, mapping) else {
            throw AdminError.conflict("Base path already exists for this domain name")
        }
        call.targets.append(mapping.basePath)
        return try .json(mapping)
    }

    /// UpdateBasePathMapping: `replace` of `/basePath`, `/restapiId` (AWS's spelling) and `/stage`
    /// (an empty or absent value removes the stage). A new base path that the domain already has is a
    /// conflict; nothing is stored unless every operation applies and the result's API and stage exist.
    func updateBasePathMapping(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let domain = try requireDomainName(call, tx)
        let original = try Self.basePathMappings.require(call.label("base_path"), in: domain, self, tx)
        var mapping = original
        try call.applyPatches(to: &mapping) { patch, mapping in
            let paths = ["/basePath", "/restapiId", "/stage"]
            guard patch.op == "replace" else { throw patch.invalidPath(mustBeOneOf: paths) }
            switch patch.path {
            case "/basePath": mapping.basePath = try BasePathRules.stored(patch.value)
            case "/restapiId": mapping.restApiId = try patch.requiredValue()
            case "/stage": mapping.stage = patch.value.flatMap { $0.isEmpty ? nil : $0 }
            default: throw patch.invalidPath(mustBeOneOf: paths)
            }
        }
        try checkTarget(of: mapping, tx)
        _ = try tx.deleteBasePathMapping(domainName: domain.domainName, basePath: original.basePath)
        guard try tx.insertBasePathMapping(domainName: domain.domainName, mapping) else {
            throw AdminError.conflict("Base path already exists for this domain name")
        }
        return try .json(mapping)
    }

    /// AWS's 400s for a mapping to an API or stage that does not exist.
    private func checkTarget(of mapping: BasePathMapping, _ tx: ConfigTransaction) throws {
        guard try tx.restApi(mapping.restApiId) != nil else { throw AdminError.badRequest("Invalid REST API identifier specified") }
        if let stage = mapping.stage, try tx.stage(restApiId: mapping.restApiId, name: stage) == nil {
            throw AdminError.badRequest("Invalid stage identifier specified")
        }
    }
}
