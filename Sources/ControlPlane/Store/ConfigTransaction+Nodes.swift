/// The data-plane fleet: one row per node, upserted by each snapshot poll.
///
/// Snapshots carry the peer list for gossip: the nodes *listed* (a flag in the row) and seen within
/// `NodeRecord.listingWindowSeconds`. The list is part of what nodes observe, so it changes only
/// together with a revision bump: `recordPoll` lists a node that was not listed (new, or back after
/// being dropped) or whose gossip address changed, and bumps; `expireStaleNodes` drops nodes silent
/// for the window (their rows are deleted, so `tollgate nodes` no longer shows them either), and
/// bumps. Everything else a poll reports (applied revision, error, last seen) is bookkeeping for
/// `tollgate nodes` and bumps nothing.
extension ConfigTransaction {
    /// Records one snapshot poll from `nodeId` at `now` (epoch seconds): its gossip address (nil when
    /// it has none), the revision it has applied (nil keeps the one it reported before) and, if it
    /// refused the last snapshot it was sent, why (nil clears an earlier error).
    ///
    /// Returns true when the peer list changed and the revision was bumped in this transaction; the
    /// caller then publishes the new revision so parked polls (this one included) get the new list.
    @discardableResult
    package func recordPoll(nodeId: String, gossipAddress: String?, appliedRevision: Int64?, error: String?,
                            now: Int64) throws(StoreError) -> Bool {
        let previous = try db.query("SELECT gossip_address, listed FROM nodes WHERE node_id = ?", [.text(nodeId)]).first
        var wasListed = false
        var previousAddress: String?
        if let previous {
            wasListed = try previous.int(1) == 1
            previousAddress = try previous.optionalText(0)
        }
        try db.run("""
            INSERT INTO nodes (node_id, gossip_address, last_seen, applied_revision, last_error, listed)
            VALUES (?, ?, ?, ?, ?, 1)
            ON CONFLICT (node_id) DO UPDATE SET gossip_address = excluded.gossip_address, last_seen = excluded.last_seen,
                applied_revision = COALESCE(excluded.applied_revision, nodes.applied_revision),
                last_error = excluded.last_error, listed = 1
            """, [.text(nodeId), gossipAddress.map(SQLiteValue.text) ?? .null, .integer(now),
                  appliedRevision.map(SQLiteValue.integer) ?? .null, error.map(SQLiteValue.text) ?? .null])
        guard !wasListed || previousAddress != gossipAddress else { return false }
        try bumpRevision()
        return true
    }

    /// The window check: drops every node not seen since `now - NodeRecord.listingWindowSeconds`.
    /// Returns true when a listed one was dropped (the revision was bumped; publish it). Run it
    /// periodically (every few tens of seconds); it is cheap when nothing expires.
    @discardableResult
    package func expireStaleNodes(now: Int64) throws(StoreError) -> Bool {
        let cutoff = SQLiteValue.integer(now - NodeRecord.listingWindowSeconds)
        let listed = try db.query("SELECT count(*) FROM nodes WHERE listed = 1 AND last_seen < ?", [cutoff]).first?.int(0) ?? 0
        _ = try db.run("DELETE FROM nodes WHERE last_seen < ?", [cutoff])
        guard listed > 0 else { return false }
        try bumpRevision()
        return true
    }

    /// What `tollgate nodes` shows as of `now` (epoch seconds): every node not yet dropped (seen
    /// within `NodeRecord.listingWindowSeconds`, whether or not the window check has run), by id,
    /// each live or silent (`NodeRecord.liveWindowSeconds`).
    package func nodeStatuses(now: Int64) throws(StoreError) -> [NodeStatus] {
        try nodes(seenSince: now - NodeRecord.listingWindowSeconds).map { NodeStatus($0, now: now) }
    }

    /// Writes a node row as given and lists it, without deciding whether peers must hear of it (no
    /// revision bump). Prefer `recordPoll`, which makes that decision in the same transaction.
    package func recordNode(_ node: NodeRecord) throws(StoreError) {
        try db.run("""
            INSERT INTO nodes (node_id, gossip_address, last_seen, applied_revision, last_error, listed) VALUES (?, ?, ?, ?, ?, 1)
            ON CONFLICT (node_id) DO UPDATE SET gossip_address = excluded.gossip_address, last_seen = excluded.last_seen,
                applied_revision = excluded.applied_revision, last_error = excluded.last_error, listed = 1
            """, [.text(node.nodeId), node.gossipAddress.map(SQLiteValue.text) ?? .null, .integer(node.lastSeen),
                  node.appliedRevision.map(SQLiteValue.integer) ?? .null, node.lastError.map(SQLiteValue.text) ?? .null])
    }

    /// Nodes seen at or after `since` (epoch seconds), by id; `listedOnly` keeps only the peer list.
    package func nodes(seenSince since: Int64 = 0, listedOnly: Bool = false) throws(StoreError) -> [NodeRecord] {
        var result: [NodeRecord] = []
        for row in try db.query("""
            SELECT node_id, gossip_address, last_seen, applied_revision, last_error FROM nodes
            WHERE last_seen >= ? AND (listed = 1 OR ? = 0) ORDER BY node_id
            """, [.integer(since), .integer(listedOnly ? 1 : 0)]) {
            result.append(NodeRecord(nodeId: try row.text(0), gossipAddress: try row.optionalText(1), lastSeen: try row.int(2),
                                     appliedRevision: try row.optionalInt(3), lastError: try row.optionalText(4)))
        }
        return result
    }
}
