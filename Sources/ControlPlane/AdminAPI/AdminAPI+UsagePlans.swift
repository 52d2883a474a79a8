import Shared

/// Usage plans (Create/Get/GetUsagePlans `?keyId`/Update/Delete) and their keys
/// (Create/Get/GetUsagePlanKeys/DeleteUsagePlanKey). Usage figures are in `AdminAPI+Usage`.
/// Every change bumps the revision (nodes enforce plans).
extension AdminAPI {
    static let usagePlanHandlers: [String: Handler] = [
        "CreateUsagePlan": { try $0.createUsagePlan(&$1, $2) },
        "GetUsagePlans": { api, call, tx in
            var plans = try tx.usagePlans()
            if let keyId = call.queryValue("keyId") {
                let ids = Set(try tx.usagePlanIds(keyId: keyId))
                plans = plans.filter { ids.contains($0.id) }
            }
            return try .json(call.page(plans))
        },
        "GetUsagePlan": { api, call, tx in try .json(requireUsagePlan(call.label("usageplanId"), tx)) },
        "UpdateUsagePlan": { api, call, tx in
            var plan = try requireUsagePlan(call.label("usageplanId"), tx)
            for patch in try call.patchOperations() {
                try UsagePlanPatch.apply(patch, to: &plan) { apiId, stage in try tx.stage(restApiId: apiId, name: stage) != nil }
            }
            try UsagePlanPatch.check(plan, operation: call.operation.name)
            try tx.putUsagePlan(plan, at: call.now)
            return try .json(plan)
        },
        "DeleteUsagePlan": { api, call, tx in
            guard try tx.deleteUsagePlan(call.label("usageplanId")) else { throw AdminError.notFound("Invalid Usage Plan ID specified") }
            return .empty
        },
        "CreateUsagePlanKey": { try $0.createUsagePlanKey(&$1, $2) },
        "GetUsagePlanKeys": { api, call, tx in
            let planId = call.label("usageplanId")
            _ = try requireUsagePlan(planId, tx)
            var keys: [UsagePlanKey] = []
            for keyId in try tx.usagePlanKeyIds(planId: planId) {
                if let key = try tx.apiKey(keyId) { keys.append(UsagePlanKey(key)) }
            }
            if let name = call.queryValue("name") { keys = keys.filter { $0.name?.hasPrefix(name) == true } }
            return try .json(call.page(keys))
        },
        "GetUsagePlanKey": { api, call, tx in
            let planId = call.label("usageplanId")
            _ = try requireUsagePlan(planId, tx)
            let keyId = call.label("keyId")
            guard try tx.usagePlanKeyIds(planId: planId).contains(keyId), let key = try tx.apiKey(keyId) else {
                throw AdminError.notFound("Invalid Usage Plan Key identifier specified")
            }
            return try .json(UsagePlanKey(key))
        },
        "DeleteUsagePlanKey": { api, call, tx in
            let planId = call.label("usageplanId")
            _ = try requireUsagePlan(planId, tx)
            guard try tx.removeUsagePlanKey(planId: planId, keyId: call.label("keyId")) else {
                throw AdminError.notFound("Invalid Usage Plan Key identifier specified")
            }
            return .empty
        },
        "GetUsage": { try $0.getUsage(&$1, $2) },
        "UpdateUsage": { try $0.updateUsage(&$1, $2) },
    ]

    /// Body of CreateUsagePlan.
    struct CreateUsagePlanInput: Decodable {
        var name: String?
        var description: String?
        var apiStages: [ApiStage]?
        var throttle: ThrottleSettings?
        var quota: QuotaSettings?
        var tags: [String: String]?
    }

    func createUsagePlan(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let input = try call.input(CreateUsagePlanInput.self)
        guard let name = input.name, !name.isEmpty else { throw AdminError.missing("name", in: call.operation.name) }
        var id = ResourceID.generate(length: ResourceID.childLength)
        while try tx.usagePlan(id) != nil { id = ResourceID.generate(length: ResourceID.childLength) }
        var quota = input.quota
        if quota != nil && quota?.offset == nil { quota?.offset = 0 }  // AWS reports offset 0 when unset
        let plan = UsagePlan(id: id, name: name, description: input.description, apiStages: input.apiStages ?? [],
                             throttle: input.throttle, quota: quota, tags: input.tags)
        for stage in plan.apiStages where try tx.stage(restApiId: stage.apiId, name: stage.stage) == nil {
            throw AdminError.notFound("Invalid API Stage {api: \(stage.apiId), stage: \(stage.stage)} specified for usageplan \(id)")
        }
        try UsagePlanPatch.check(plan, operation: call.operation.name)
        try tx.putUsagePlan(plan, at: call.now)
        call.targets.append(id)
        return try .json(plan)
    }

    /// Body of CreateUsagePlanKey.
    struct CreateUsagePlanKeyInput: Decodable {
        var keyId: String?
        var keyType: String?
    }

    func createUsagePlanKey(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let planId = call.label("usageplanId")
        _ = try Self.requireUsagePlan(planId, tx)
        let input = try call.input(CreateUsagePlanKeyInput.self)
        guard let keyId = input.keyId else { throw AdminError.missing("keyId", in: call.operation.name) }
        guard let keyType = input.keyType else { throw AdminError.missing("keyType", in: call.operation.name) }
        guard keyType == "API_KEY" else { throw AdminError.badRequest("Invalid key type specified: \(keyType)") }
        let key = try Self.requireApiKey(keyId, tx)
        guard try tx.addUsagePlanKey(planId: planId, keyId: keyId) else {
            throw AdminError.conflict("Usage Plan Key already exists for this usage plan")
        }
        call.targets.append(keyId)
        return try .json(UsagePlanKey(key))
    }

    static func requireUsagePlan(_ id: String, _ tx: ConfigTransaction) throws -> UsagePlan {
        guard let plan = try tx.usagePlan(id) else { throw AdminError.notFound("Invalid Usage Plan ID specified") }
        return plan
    }
}

/// botocore `UsagePlanKey`: an API key as a member of a usage plan (its id is the key's id).
struct UsagePlanKey: Encodable {
    var id: String
    var type: String
    var value: String?
    var name: String?

    init(_ key: ApiKey) {
        id = key.id
        type = "API_KEY"
        value = key.value
        name = key.name
    }
}
