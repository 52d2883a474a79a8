import Shared

/// GetUsage and UpdateUsage, answered from the quota observer (`QuotaLedger`): the counters every
/// node gossips, merged, with the history the control plane persisted. A day's pair is the requests
/// counted that UTC day and the quota left in its period at the day's end (AWS's `[used, remaining]`);
/// `replace /remaining` sets what is left of the current period.
extension AdminAPI {
    /// botocore `Usage` (the JSON key of the per-key series is `values`).
    struct Usage: Encodable {
        var usagePlanId: String
        var startDate: String
        var endDate: String
        var position: String?
        /// Key id → one `[used, remaining]` pair per day from `startDate` to `endDate`.
        var values: [String: [[Int64]]]
    }

    /// The longest range GetUsage answers, in days.
    static let maximumUsageDays = 366

    func getUsage(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let plan = try Self.usagePlans.require(self, call, tx)
        let planId = plan.id
        guard let startText = call.queryValue("startDate") else { throw AdminError.missing("startDate", in: call.operation.name) }
        guard let endText = call.queryValue("endDate") else { throw AdminError.missing("endDate", in: call.operation.name) }
        guard let start = Self.dayNumber(startText), let end = Self.dayNumber(endText) else {
            throw AdminError.badRequest("Invalid date format: dates must be yyyy-MM-dd")
        }
        guard start <= end else { throw AdminError.badRequest("The start date must not be after the end date") }
        guard end - start < Self.maximumUsageDays else {
            throw AdminError.badRequest("The usage period cannot exceed \(Self.maximumUsageDays) days")
        }
        var keyIds = try tx.usagePlanKeyIds(planId: planId)
        if let keyId = call.queryValue("keyId") { keyIds = keyIds.filter { $0 == keyId } }
        let usage = try usage(plan, keyIds: keyIds, days: Int(end - start) + 1, startDate: startText, endDate: endText, tx)
        return try .json(usage)
    }

    func updateUsage(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        let keyId = call.label("keyId")
        let plan = try Self.usagePlans.require(self, call, tx)
        let planId = plan.id
        guard try tx.usagePlanKeyIds(planId: planId).contains(keyId) else {
            throw AdminError.notFound("Invalid Usage Plan Key identifier specified")
        }
        for patch in try call.patchOperations() {
            guard patch.op == "replace", patch.path == "/remaining" else { throw patch.invalidPath(mustBeOneOf: ["/remaining"]) }
            let remaining = try patch.intValue()
            guard remaining >= 0 else { throw AdminError.badRequest("Remaining quota must be a non-negative number") }
            guard let rule = QuotaRule(plan, anchorEpochSeconds: try tx.usagePlanQuotaAnchor(planId)) else { throw AdminError.badRequest("Usage plan \(planId) has no quota") }
            guard let quota else { throw AdminError.internalFailure("the quota ledger is unavailable") }
            try quota.setRemaining(remaining, planId: planId, keyId: keyId, rule: rule, tx)
        }
        let today = Self.dateString(dayNumber: call.now / 86_400)
        return try .json(usage(plan, keyIds: [keyId], days: 1, startDate: today, endDate: today, tx))
    }

    private func usage(_ plan: UsagePlan, keyIds: [String], days: Int, startDate: String, endDate: String,
                       _ tx: ConfigTransaction) throws -> Usage {
        guard let from = Self.dayNumber(startDate) else { throw AdminError.badRequest("Invalid date format: dates must be yyyy-MM-dd") }
        let rule = QuotaRule(plan, anchorEpochSeconds: try tx.usagePlanQuotaAnchor(plan.id))
        var values: [String: [[Int64]]] = [:]
        for keyId in keyIds {
            let first = from * QuotaPeriod.daySeconds, last = first + Int64(days - 1) * QuotaPeriod.daySeconds
            // Without a ledger nothing was counted, but the limit (and the initial period's offset) still shows.
            let daily = try quota?.usage(planId: plan.id, keyId: keyId, rule: rule, fromDay: first, toDay: last, tx)
                ?? LimitsEngine.dailyUsage(of: QuotaSubject(planId: plan.id, keyId: keyId), rule: rule, fromDay: first, toDay: last) { _ in QuotaCounter() }
            values[keyId] = daily.map { [Int64(clamping: $0.used), Int64($0.remaining ?? 0)] }
        }
        return Usage(usagePlanId: plan.id, startDate: startDate, endDate: endDate, position: nil, values: values)
    }

    // MARK: - Calendar (proleptic Gregorian, UTC)

    /// Days since 1970-01-01 of a `yyyy-MM-dd` date, or nil when malformed.
    static func dayNumber(_ text: String) -> Int64? {
        CivilDate(isoDate: text)?.daysSinceEpoch
    }

    /// `yyyy-MM-dd` of a day number (days since 1970-01-01).
    static func dateString(dayNumber: Int64) -> String {
        CivilDate(daysSinceEpoch: dayNumber).isoDate
    }
}
