import Shared

/// Usage plans (Create/Get/GetUsagePlans `?keyId`/Update/Delete) and their keys
/// (Create/Get/GetUsagePlanKeys/DeleteUsagePlanKey). Usage figures are in `AdminAPI+Usage`.
/// Every change bumps the revision (nodes enforce plans).
extension AdminAPI {
    /// Usage plans, by `usageplanId`.
    static let usagePlans = AdminResource<Void, UsagePlan>(label: "usageplanId", notFound: "Invalid Usage Plan ID specified") { tx, id in
        try tx.usagePlan(id)
    }

    /// The keys of a usage plan, by `keyId`: an attached key that still exists.
    static let usagePlanKeys = usagePlans.child(label: "keyId", notFound: "Invalid Usage Plan Key identifier specified") { tx, plan, keyId in
        try tx.usagePlanKeyIds(planId: plan.id).contains(keyId) ? tx.apiKey(keyId).map(UsagePlanKey.init) : nil
    }

    static let usagePlanHandlers: [String: Handler] = [
        "CreateUsagePlan": usagePlans.createHandler(CreateUsagePlanInput.self, idLength: ResourceID.childLength, make: newUsagePlan,
                                                    save: { plan, _, call, tx in try tx.putUsagePlan(plan, at: call.now) }),
        "GetUsagePlans": usagePlans.listHandler { _, call, tx in
            var plans = try tx.usagePlans()
            if let keyId = call.queryValue("keyId") {
                let ids = Set(try tx.usagePlanIds(keyId: keyId))
                plans = plans.filter { ids.contains($0.id) }
            }
            return plans
        },
        "GetUsagePlan": usagePlans.getHandler(),
        "UpdateUsagePlan": usagePlans.updateHandler(apply: { patch, plan, tx in
            try UsagePlanPatch.apply(patch, to: &plan) { apiId, stage in try tx.stage(restApiId: apiId, name: stage) != nil }
        }, save: { plan, _, call, tx in
            try UsagePlanPatch.check(plan, operation: call.operation.name)
            try tx.putUsagePlan(plan, at: call.now)
        }),
        "DeleteUsagePlan": usagePlans.deleteHandler { tx, _, id in try tx.deleteUsagePlan(id) },
        "CreateUsagePlanKey": { try $0.createUsagePlanKey(&$1, $2) },
        "GetUsagePlanKeys": usagePlanKeys.listHandler { plan, call, tx in
            var keys: [UsagePlanKey] = []
            for keyId in try tx.usagePlanKeyIds(planId: plan.id) {
                if let key = try tx.apiKey(keyId) { keys.append(UsagePlanKey(key)) }
            }
            if let name = call.queryValue("name") { keys = keys.filter { $0.name?.hasPrefix(name) == true } }
            return keys
        },
        "GetUsagePlanKey": usagePlanKeys.getHandler(),
        "DeleteUsagePlanKey": usagePlanKeys.deleteHandler { tx, plan, keyId in try tx.removeUsagePlanKey(planId: plan.id, keyId: keyId) },
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

    /// The plan CreateUsagePlan stores as `id`, after AWS's checks of `input`.
    @Sendable static func newUsagePlan(_ input: CreateUsagePlanInput, id: String, _: Void, _ call: AdminCall,
                                       _ tx: ConfigTransaction) throws -> UsagePlan {
        guard let name = input.name, !name.isEmpty else { throw AdminError.missing("name", in: call.operation.name) }
        var quota = input.quota
        if quota != nil && quota?.offset == nil { quota?.offset = 0 }  // AWS reports offset 0 when unset
        let plan = UsagePlan(id: id, name: name, description: input.description, apiStages: input.apiStages ?? [],
                             throttle: input.throttle, quota: quota, tags: input.tags)
        for stage in plan.apiStages where try tx.stage(restApiId: stage.apiId, name: stage.stage) == nil {
            throw AdminError.notFound("Invalid API Stage {api: \(stage.apiId), stage: \(stage.stage)} specified for usageplan \(id)")
        }
        try UsagePlanPatch.check(plan, operation: call.operation.name)
        return plan
    }

    /// Body of CreateUsagePlanKey.
    struct CreateUsagePlanKeyInput: Decodable {
        var keyId: String?
        var keyType: String?
    }

    func createUsagePlanKey(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let planId = try Self.usagePlans.require(self, call, tx).id
        let input = try call.input(CreateUsagePlanKeyInput.self)
        guard let keyId = input.keyId else { throw AdminError.missing("keyId", in: call.operation.name) }
        guard let keyType = input.keyType else { throw AdminError.missing("keyType", in: call.operation.name) }
        guard keyType == "API_KEY" else { throw AdminError.badRequest("Invalid key type specified: \(keyType)") }
        let key = try Self.apiKeys.require(keyId, self, tx)
        guard try tx.addUsagePlanKey(planId: planId, keyId: keyId) else {
            throw AdminError.conflict("Usage Plan Key already exists for this usage plan")
        }
        call.targets.append(keyId)
        return try .json(UsagePlanKey(key))
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
