import Shared

/// GetAccount and UpdateAccount.
///
/// AWS lets callers patch `/cloudwatchRoleArn` (replace) and `/features` (add `UsagePlans`); its account
/// throttle is fixed per region. Tollgate, being the operator's own gateway, also accepts
/// `replace /throttle/rateLimit|burstLimit` (and the same under `/throttleSettings/`), which bumps the
/// revision so every node applies the new account-wide bucket.
extension AdminAPI {
    static let accountHandlers: [String: Handler] = [
        "GetAccount": { api, call, tx in try .json(tx.account()) },
        "UpdateAccount": { api, call, tx in
            var account = try tx.account()
            try call.applyPatches(to: &account, applyAccountPatch)
            try tx.putAccount(account)
            return try .json(account)
        },
    ]

    static let accountPatchPaths = ["/cloudwatchRoleArn", "/features", "/throttle/rateLimit", "/throttle/burstLimit"]

    static func applyAccountPatch(_ patch: PatchOperation, to account: inout Account) throws {
        let segments = patch.segments
        switch (patch.op, segments.first ?? "", segments.count) {
        case ("replace", "cloudwatchRoleArn", 1):
            account.cloudwatchRoleArn = patch.value.flatMap { $0.isEmpty ? nil : $0 }
        case ("add", "features", 1):
            let feature = try patch.requiredValue()
            guard feature == "UsagePlans" else { throw AdminError.badRequest("Invalid feature specified: \(feature)") }
            if !account.features.contains(feature) { account.features.append(feature) }
        case ("remove", "features", 1):
            let feature = try patch.requiredValue()
            guard feature == "UsagePlans" else { throw AdminError.badRequest("Invalid feature specified: \(feature)") }
            throw AdminError.badRequest("Usage Plans cannot be disabled once enabled")
        case ("replace", "throttle", 2), ("replace", "throttleSettings", 2):
            switch segments[1] {
            case "rateLimit":
                let rate = try patch.doubleValue()
                guard rate > 0 else { throw AdminError.badRequest("Rate limit must be a positive number") }
                account.throttleSettings.rateLimit = rate
            case "burstLimit":
                let burst = try patch.intValue()
                guard burst > 0 else { throw AdminError.badRequest("Burst limit must be a positive number") }
                account.throttleSettings.burstLimit = burst
            default:
                throw patch.invalidPath(mustBeOneOf: accountPatchPaths)
            }
        default:
            throw patch.invalidPath(mustBeOneOf: accountPatchPaths)
        }
    }
}
