import Shared

/// Usage plans, the keys attached to them, and `UpdateUsage` adjustments. Mutators of plans and
/// plan keys bump the revision.
extension ConfigTransaction {
    package func usagePlan(_ id: String) throws(StoreError) -> UsagePlan? {
        try document(UsagePlan.self, "SELECT doc FROM usage_plans WHERE id = ?", [.text(id)])
    }

    /// Every plan, oldest first.
    package func usagePlans() throws(StoreError) -> [UsagePlan] {
        try documents(UsagePlan.self, "SELECT doc FROM usage_plans ORDER BY rowid")
    }

    /// Inserts a new plan, or replaces the plan of the same id, at `now` (epoch seconds). Bumps the
    /// revision.
    ///
    /// Also keeps the plan's quota anchor (`usagePlanQuotaAnchor`): set to `now` when the plan gets
    /// a quota (created with one, or one added) or when its limit, period or offset changes; kept
    /// when they are unchanged (a patch writing the same value moves nothing); cleared when the
    /// quota is removed. AWS documents only "the number of requests subtracted from the given limit
    /// in the initial time period" and says nothing about changes; we read a changed quota as a new
    /// quota whose initial period is the one containing the change, so the rest of that period
    /// admits at most `limit - offset` of the new settings, never more than they allow (requests
    /// already in that period's counter count against it; a new period's counter starts empty).
    package func putUsagePlan(_ plan: UsagePlan, at now: Int64) throws(StoreError) {
        let previous = try db.query("SELECT doc, quota_anchor FROM usage_plans WHERE id = ?", [.text(plan.id)]).first
        let anchor: Int64?
        switch plan.quota.flatMap({ QuotaPolicy(settings: $0) }) {
        case nil:
            anchor = nil
        case let policy?:
            if let previous, let before = try StoreCodec.decode(UsagePlan.self, previous.blob(0)).quota,
               QuotaPolicy(settings: before) == policy {
                anchor = try previous.optionalInt(1)
            } else {
                anchor = now
            }
        }
        try db.run("""
            INSERT INTO usage_plans (id, doc, quota_anchor) VALUES (?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, quota_anchor = excluded.quota_anchor
            """, [.text(plan.id), StoreCodec.encode(plan), anchor.map(SQLiteValue.integer) ?? .null])
        try bumpRevision()
    }

    /// When the plan's quota took effect (UTC epoch seconds): the instant whose period is the
    /// quota's initial one, where `offset` applies. Nil when the plan has no quota, does not exist,
    /// or was stored before migration 6 and its quota has not changed since (offset ignored).
    package func usagePlanQuotaAnchor(_ id: String) throws(StoreError) -> Int64? {
        try db.query("SELECT quota_anchor FROM usage_plans WHERE id = ?", [.text(id)]).first?.optionalInt(0)
    }

    /// Every plan's quota anchor by plan id; plans without one are absent.
    package func usagePlanQuotaAnchors() throws(StoreError) -> [String: Int64] {
        var anchors: [String: Int64] = [:]
        for row in try db.query("SELECT id, quota_anchor FROM usage_plans WHERE quota_anchor IS NOT NULL") {
            anchors[try row.text(0)] = try row.int(1)
        }
        return anchors
    }

    /// Deletes a plan and its key memberships. Returns false if there was none.
    @discardableResult
    package func deleteUsagePlan(_ id: String) throws(StoreError) -> Bool {
        try changeObserved("DELETE FROM usage_plans WHERE id = ?", [.text(id)])
    }

    /// Ids of the keys attached to a plan, in attachment order.
    package func usagePlanKeyIds(planId: String) throws(StoreError) -> [String] {
        try strings("SELECT key_id FROM usage_plan_keys WHERE plan_id = ? ORDER BY rowid", [.text(planId)])
    }

    /// Ids of the plans a key is attached to.
    package func usagePlanIds(keyId: String) throws(StoreError) -> [String] {
        try strings("SELECT plan_id FROM usage_plan_keys WHERE key_id = ? ORDER BY rowid", [.text(keyId)])
    }

    /// Attaches a key to a plan; returns false if it already was. Bumps the revision when it was not.
    @discardableResult
    package func addUsagePlanKey(planId: String, keyId: String) throws(StoreError) -> Bool {
        try changeObserved("INSERT OR IGNORE INTO usage_plan_keys (plan_id, key_id) VALUES (?, ?)", [.text(planId), .text(keyId)])
    }

    /// Detaches a key from a plan; returns false if it was not attached.
    @discardableResult
    package func removeUsagePlanKey(planId: String, keyId: String) throws(StoreError) -> Bool {
        try changeObserved("DELETE FROM usage_plan_keys WHERE plan_id = ? AND key_id = ?", [.text(planId), .text(keyId)])
    }

    /// The remaining quota an operator set with `UpdateUsage`, or nil.
    package func usageRemaining(planId: String, keyId: String) throws(StoreError) -> Int64? {
        try db.query("SELECT remaining FROM usage_remaining WHERE plan_id = ? AND key_id = ?",
                     [.text(planId), .text(keyId)]).first?.int(0)
    }

    /// Records `UpdateUsage replace /remaining`. Bumps the revision (nodes enforce quotas).
    package func setUsageRemaining(planId: String, keyId: String, remaining: Int64, at: Int64) throws(StoreError) {
        try db.run("""
            INSERT INTO usage_remaining (plan_id, key_id, remaining, set_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (plan_id, key_id) DO UPDATE SET remaining = excluded.remaining, set_at = excluded.set_at
            """, [.text(planId), .text(keyId), .integer(remaining), .integer(at)])
        try bumpRevision()
    }

    func strings(_ sql: String, _ bindings: [SQLiteValue]) throws(StoreError) -> [String] {
        var result: [String] = []
        for row in try db.query(sql, bindings) { result.append(try row.text(0)) }
        return result
    }
}
