import Foundation
import Shared

/// Applies one UpdateUsagePlan patch operation; `check` validates the plan once all are applied.
///
/// Paths (AWS developer guide): `/name`, `/description`, `/productCode`, `/throttle/rateLimit|burstLimit`,
/// `/quota/limit|period|offset` (replace; `remove /throttle`, `remove /quota`), `/apiStages` (add or remove
/// value `API_ID:STAGE`), `/apiStages/API_ID:STAGE/throttle` (replace with a JSON map, or remove) and
/// `/apiStages/API_ID:STAGE/throttle/{resourcePath}/{METHOD}/rateLimit|burstLimit` (replace, remove), where
/// the method key is stored as `"/pets/GET"` (root: `"//GET"`).
enum UsagePlanPatch {
    static let periods = ["DAY", "WEEK", "MONTH"]

    static func apply(_ patch: PatchOperation, to plan: inout UsagePlan, stageExists: (String, String) throws -> Bool) throws {
        let segments = patch.segments
        let optional = patch.value.flatMap { $0.isEmpty ? nil : $0 }
        switch (patch.op, segments.first ?? "", segments.count) {
        case ("replace", "name", 1):
            guard let name = optional else { throw AdminError.badRequest("Usage plan name cannot be empty") }
            plan.name = name
        case ("replace", "description", 1), ("add", "description", 1): plan.description = optional
        case ("remove", "description", 1): plan.description = nil
        case ("replace", "productCode", 1): plan.productCode = optional
        case ("replace", "throttle", 2), ("add", "throttle", 2):
            var throttle = plan.throttle ?? ThrottleSettings(burstLimit: nil, rateLimit: nil)
            try setThrottle(&throttle, segments[1], patch)
            plan.throttle = throttle
        case ("remove", "throttle", 1): plan.throttle = nil
        case ("remove", "throttle", 2):
            try clearThrottle(&plan.throttle, segments[1], patch)
        case ("replace", "quota", 2), ("add", "quota", 2):
            var quota = plan.quota ?? QuotaSettings(limit: nil, offset: 0, period: nil)
            switch segments[1] {
            case "limit": quota.limit = try patch.intValue()
            case "offset": quota.offset = try patch.intValue()
            case "period": quota.period = try patch.requiredValue()
            default: throw patch.unknownPath
            }
            plan.quota = quota
        case ("remove", "quota", 1): plan.quota = nil
        case ("add", "apiStages", 1):
            let (apiId, stage) = try stageReference(patch.requiredValue(), plan: plan)
            guard try stageExists(apiId, stage) else { throw invalidStage(apiId, stage, plan) }
            if !plan.apiStages.contains(where: { $0.apiId == apiId && $0.stage == stage }) {
                plan.apiStages.append(ApiStage(apiId: apiId, stage: stage))
            }
        case ("remove", "apiStages", 1):
            let (apiId, stage) = try stageReference(patch.requiredValue(), plan: plan)
            guard plan.apiStages.contains(where: { $0.apiId == apiId && $0.stage == stage }) else {
                throw invalidStage(apiId, stage, plan)
            }
            plan.apiStages.removeAll { $0.apiId == apiId && $0.stage == stage }
        case (_, "apiStages", _) where segments.count >= 3 && segments[2] == "throttle":
            try applyStageThrottle(patch, to: &plan)
        default:
            throw patch.unknownPath
        }
    }

    /// What AWS checks on a plan's throttle, quota and per-method throttles.
    static func check(_ plan: UsagePlan, operation: String) throws(AdminError) {
        if let quota = plan.quota {
            guard let period = quota.period else { throw .badRequest("Quota period must be specified") }
            guard periods.contains(period) else { throw .notInEnum(period, "quota.period", in: operation, allowed: periods) }
            guard let limit = quota.limit, limit >= 0 else { throw .badRequest("Quota limit must be a non-negative number") }
            let offset = quota.offset ?? 0
            guard offset >= 0, offset == 0 || offset < limit else {
                throw .badRequest("Quota offset must be non-negative and less than the quota limit")
            }
        }
        try checkThrottle(plan.throttle)
        for stage in plan.apiStages {
            for (key, throttle) in (stage.throttle ?? [:]).sorted(by: { $0.key < $1.key }) {
                let verb = key.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? ""
                guard key.hasPrefix("/"), AdminAPI.httpMethods.contains(verb) || verb == "*" else {
                    throw .badRequest("Invalid method throttle key \(key): expected /{resourcePath}/{httpMethod}")
                }
                try checkThrottle(throttle)
            }
        }
    }

    private static func checkThrottle(_ throttle: ThrottleSettings?) throws(AdminError) {
        guard let throttle else { return }
        if let burst = throttle.burstLimit, burst < 0 { throw .badRequest("Burst limit must be a non-negative number") }
        if let rate = throttle.rateLimit, rate < 0 || !rate.isFinite { throw .badRequest("Rate limit must be a non-negative number") }
    }

    private static func setThrottle(_ throttle: inout ThrottleSettings, _ field: String, _ patch: PatchOperation) throws {
        switch field {
        case "rateLimit": throttle.rateLimit = try patch.doubleValue()
        case "burstLimit": throttle.burstLimit = try patch.intValue()
        default: throw patch.unknownPath
        }
    }

    private static func clearThrottle(_ throttle: inout ThrottleSettings?, _ field: String, _ patch: PatchOperation) throws {
        switch field {
        case "rateLimit": throttle?.rateLimit = nil
        case "burstLimit": throttle?.burstLimit = nil
        default: throw patch.unknownPath
        }
        if throttle?.rateLimit == nil && throttle?.burstLimit == nil { throttle = nil }
    }

    /// `/apiStages/API:STAGE/throttle[/{resourcePath}/{METHOD}/{field}]`.
    private static func applyStageThrottle(_ patch: PatchOperation, to plan: inout UsagePlan) throws {
        var raw = patch.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()  // drop the leading ""
        let (apiId, stageName) = try stageReference(PatchOperation.unescape(raw[raw.startIndex + 1]), plan: plan)
        guard let index = plan.apiStages.firstIndex(where: { $0.apiId == apiId && $0.stage == stageName }) else {
            throw invalidStage(apiId, stageName, plan)
        }
        raw = raw.dropFirst(3)  // apiStages, API:STAGE, throttle
        if raw.isEmpty {
            switch patch.op {
            case "remove": plan.apiStages[index].throttle = nil
            case "replace":
                let json = try patch.requiredValue()
                guard !json.isEmpty, let map = try? AdminBodyReader.decode([String: ThrottleSettings].self, from: Array(json.utf8)) else {
                    throw AdminError.badRequest("Invalid throttle settings specified: \(json)")
                }
                plan.apiStages[index].throttle = map.isEmpty ? nil : map
            default: throw patch.unknownPath
            }
            return
        }
        guard raw.count >= 3, let field = raw.last, field == "rateLimit" || field == "burstLimit" else { throw patch.unknownPath }
        let verb = raw[raw.endIndex - 2]
        var resourcePath = raw.dropLast(2).map { PatchOperation.unescape($0) }.joined(separator: "/")
        if !resourcePath.hasPrefix("/") { resourcePath = "/" + resourcePath }
        let key = resourcePath + "/" + verb
        var throttles = plan.apiStages[index].throttle ?? [:]
        var throttle = throttles[key] ?? ThrottleSettings(burstLimit: nil, rateLimit: nil)
        switch patch.op {
        case "replace", "add": try setThrottle(&throttle, String(field), patch)
        case "remove":
            if field == "rateLimit" { throttle.rateLimit = nil } else { throttle.burstLimit = nil }
        default: throw patch.unknownPath
        }
        throttles[key] = throttle.rateLimit == nil && throttle.burstLimit == nil ? nil : throttle
        plan.apiStages[index].throttle = throttles.isEmpty ? nil : throttles
    }

    private static func stageReference(_ value: String, plan: UsagePlan) throws(AdminError) -> (String, String) {
        let parts = value.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { throw .badRequest("Invalid API Stage specified") }
        return (String(parts[0]), String(parts[1]))
    }

    private static func invalidStage(_ apiId: String, _ stage: String, _ plan: UsagePlan) -> AdminError {
        .notFound("Invalid API Stage {api: \(apiId), stage: \(stage)} specified for usageplan \(plan.id)")
    }
}
