import Shared

/// API keys: CreateApiKey (40-character value generated when absent or empty; `enabled` defaults to false),
/// GetApiKeys (`includeValues`, `name`, `customerId`), GetApiKey (`includeValue`), UpdateApiKey
/// (`/name`, `/description`, `/enabled`, `/customerId`), DeleteApiKey. Every change bumps the revision.
extension AdminAPI {
    /// API keys, by `api_Key`.
    static let apiKeys = AdminResource<Void, ApiKey>(label: "api_Key", notFound: "Invalid API Key identifier specified") { tx, id in
        try tx.apiKey(id)
    }

    static let apiKeyHandlers: [String: Handler] = [
        "CreateApiKey": apiKeys.createHandler(CreateApiKeyInput.self, idLength: ResourceID.restApiLength, make: newApiKey,
                                              save: { key, _, _, tx in try tx.putApiKey(key) }),
        "GetApiKeys": apiKeys.listHandler { _, call, tx in
            let includeValues = call.queryFlag("includeValues")
            var keys = try tx.apiKeys()
            if let name = call.queryValue("name") { keys = keys.filter { $0.name?.hasPrefix(name) == true } }
            if let customer = call.queryValue("customerId") { keys = keys.filter { $0.customerId == customer } }
            return keys.map { includeValues ? $0 : withoutValue($0) }
        },
        "GetApiKey": apiKeys.getHandler { key, call, _ in call.queryFlag("includeValue") ? key : withoutValue(key) },
        "UpdateApiKey": apiKeys.updateHandler(apply: { patch, key, _ in try applyApiKeyPatch(patch, to: &key) },
                                              save: { key, _, call, tx in
                                                  key.lastUpdatedDate = call.now
                                                  try tx.putApiKey(key)
                                              }, render: withoutValue),
        "DeleteApiKey": apiKeys.deleteHandler { tx, _, id in try tx.deleteApiKey(id) },
    ]

    /// Body of CreateApiKey.
    struct CreateApiKeyInput: Decodable {
        /// A deprecated `stageKeys` entry; stored as `restApiId/stageName`.
        struct StageKey: Decodable {
            var restApiId: String?
            var stageName: String?
        }

        var name: String?
        var description: String?
        var enabled: Bool?
        var generateDistinctId: Bool?
        var value: String?
        var stageKeys: [StageKey]?
        var customerId: String?
        var tags: [String: String]?
    }

    /// The key CreateApiKey stores as `id`, after AWS's checks of `input`.
    @Sendable static func newApiKey(_ input: CreateApiKeyInput, id: String, _: Void, _ call: AdminCall,
                                    _ tx: ConfigTransaction) throws -> ApiKey {
        if let name = input.name, name.utf16.count > 1024 {
            throw AdminError.badRequest("Invalid API Key name, can be at most 1024 characters.")
        }
        let value: String
        // Lengths count UTF-16 code units, as AWS's Java service does (not grapheme clusters).
        // An empty value means "generate one": the Terraform AWS provider sends `"value": ""` for an
        // `aws_api_gateway_api_key` without a value, and AWS generates a key for it.
        if let given = input.value, !given.isEmpty {
            guard given.utf16.count >= 20 else { throw AdminError.badRequest("API Key value should be at least 20 characters") }
            guard given.utf16.count <= 128 else { throw AdminError.badRequest("API Key value exceeds maximum size of 128 characters") }
            guard try !tx.apiKeyValueExists(given) else { throw AdminError.conflict("API Key already exists") }
            value = given
        } else {
            var generated = ApiKeyValue.generate()
            while try tx.apiKeyValueExists(generated) { generated = ApiKeyValue.generate() }
            value = generated
        }
        var stageKeys: [String] = []
        for stageKey in input.stageKeys ?? [] {
            guard let apiId = stageKey.restApiId, let stageName = stageKey.stageName,
                  try tx.stage(restApiId: apiId, name: stageName) != nil else {
                throw AdminError.badRequest("Invalid stage key specified")
            }
            stageKeys.append("\(apiId)/\(stageName)")
        }
        return ApiKey(id: id, value: value, name: input.name, customerId: input.customerId, description: input.description,
                      enabled: input.enabled ?? false, createdDate: call.now, lastUpdatedDate: call.now,
                      stageKeys: stageKeys, tags: input.tags)
    }

    static func withoutValue(_ key: ApiKey) -> ApiKey {
        var copy = key
        copy.value = nil
        return copy
    }

    static func applyApiKeyPatch(_ patch: PatchOperation, to key: inout ApiKey) throws {
        let optional = patch.value.flatMap { $0.isEmpty ? nil : $0 }
        switch (patch.op, patch.path) {
        case ("replace", "/name"):
            if let name = optional, name.utf16.count > 1024 {
                throw AdminError.badRequest("Invalid API Key name, can be at most 1024 characters.")
            }
            key.name = optional
        case ("replace", "/description"): key.description = optional
        case ("replace", "/enabled"): key.enabled = try patch.boolValue()
        case ("replace", "/customerId"): key.customerId = optional
        default: throw patch.invalidPath(mustBeOneOf: ["/description", "/enabled", "/name", "/customerId"])
        }
    }
}
