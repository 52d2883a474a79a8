import Shared

/// The quota observer's durable state: its identity (mint authority, gossip endpoint) and the merged
/// quota counters it persists (see `QuotaLedger`).
extension ConfigTransaction {
    /// The observer's row, or nil before the first start.
    package func quotaObserver() throws(StoreError) -> QuotaObserverRecord? {
        guard let row = try db.query("SELECT replica_id, node_id, gossip_address, adjustment_version FROM quota_observer WHERE id = 1").first
        else { return nil }
        guard let replica = UInt64(try row.text(0), radix: 16) else { throw .corrupt("quota_observer.replica_id is not hex") }
        return QuotaObserverRecord(replicaID: ReplicaID(replica), nodeId: try row.text(1), gossipAddress: try row.optionalText(2),
                                   adjustmentVersion: UInt64(max(0, try row.int(3))))
    }

    /// Creates or updates the observer's row. Bumps the revision when what snapshots advertise of it
    /// (gossip id, address, mint authority; nothing without an address) changed; returns whether it did.
    @discardableResult
    package func putQuotaObserver(_ record: QuotaObserverRecord) throws(StoreError) -> Bool {
        let previous = try quotaObserver()
        try db.run("""
            INSERT INTO quota_observer (id, replica_id, node_id, gossip_address, adjustment_version) VALUES (1, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET replica_id = excluded.replica_id, node_id = excluded.node_id,
                gossip_address = excluded.gossip_address, adjustment_version = excluded.adjustment_version
            """, [.text(record.replicaID.description), .text(record.nodeId), record.gossipAddress.map(SQLiteValue.text) ?? .null,
                  .integer(Int64(clamping: record.adjustmentVersion))])
        // What snapshots show of the observer: nothing without a gossip address.
        func advertised(_ record: QuotaObserverRecord?) -> [String]? {
            guard let record, let address = record.gossipAddress else { return nil }
            return [record.nodeId, address, record.replicaID.description]
        }
        let changed = advertised(previous) != advertised(record)
        if changed { try bumpRevision() }
        return changed
    }

    /// Writes counters' merged states (insert or replace) stamped `at` (epoch seconds).
    package func putQuotaCounters(_ slices: [QuotaCounterSlice], at: Int64) throws(StoreError) {
        for slice in slices {
            let key = slice.key
            try db.run("""
                INSERT INTO quota_counters (plan_id, key_id, period, period_start, state, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (plan_id, key_id, period, period_start) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
                """, [.text(key.planId), .text(key.keyId), .integer(Int64(key.period.rawValue)), .integer(key.periodStart),
                      .blob(LimitsGossipCodec.encodeStored(slice)), .integer(at)])
        }
    }

    /// Every stored counter whose period started at or after `since` (epoch seconds).
    package func quotaCounters(startingSince since: Int64) throws(StoreError) -> [QuotaCounterSlice] {
        try decodeCounters(db.query("SELECT state FROM quota_counters WHERE period_start >= ? ORDER BY rowid", [.integer(since)]))
    }

    /// The stored counters of one plan and key.
    package func quotaCounters(planId: String, keyId: String) throws(StoreError) -> [QuotaCounterSlice] {
        try decodeCounters(db.query("SELECT state FROM quota_counters WHERE plan_id = ? AND key_id = ?", [.text(planId), .text(keyId)]))
    }

    private func decodeCounters(_ rows: [SQLiteRow]) throws(StoreError) -> [QuotaCounterSlice] {
        var slices: [QuotaCounterSlice] = []
        for row in rows {
            do {
                slices.append(try LimitsGossipCodec.decodeStored(try row.blob(0)))
            } catch {
                throw .corrupt("quota_counters.state: \(error)")
            }
        }
        return slices
    }
}
