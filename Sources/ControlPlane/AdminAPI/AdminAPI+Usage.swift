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
        let planId = call.label("usageplanId")
        let plan = try Self.requireUsagePlan(planId, tx)
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
        let planId = call.label("usageplanId")
        let keyId = call.label("keyId")
        let plan = try Self.requireUsagePlan(planId, tx)
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
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int64(parts[0]), let month = Int64(parts[1]), let day = Int64(parts[2]),
              (1...12).contains(month), (1...daysInMonth(year, month)).contains(day) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// `yyyy-MM-dd` of a day number (days since 1970-01-01).
    static func dateString(dayNumber: Int64) -> String {
        // Howard Hinnant's civil_from_days.
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ n: Int64, _ width: Int) -> String {
            let text = String(n)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    private static func daysInMonth(_ year: Int64, _ month: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
