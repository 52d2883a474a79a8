/// The data-plane fleet: each snapshot poll upserts its node's row. Does not bump the revision:
/// node lists reach nodes with the next snapshot a real change produces.
extension ConfigTransaction {
    package func recordNode(_ node: NodeRecord) throws(StoreError) {
        try db.run("""
            INSERT INTO nodes (node_id, gossip_address, last_seen, applied_revision, last_error) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (node_id) DO UPDATE SET gossip_address = excluded.gossip_address, last_seen = excluded.last_seen,
                applied_revision = excluded.applied_revision, last_error = excluded.last_error
            """, [.text(node.nodeId), node.gossipAddress.map(SQLiteValue.text) ?? .null, .integer(node.lastSeen),
                  node.appliedRevision.map(SQLiteValue.integer) ?? .null, node.lastError.map(SQLiteValue.text) ?? .null])
    }

    /// Nodes seen at or after `since` (epoch seconds), by id.
    package func nodes(seenSince since: Int64 = 0) throws(StoreError) -> [NodeRecord] {
        var result: [NodeRecord] = []
        for row in try db.query("""
            SELECT node_id, gossip_address, last_seen, applied_revision, last_error FROM nodes
            WHERE last_seen >= ? ORDER BY node_id
            """, [.integer(since)]) {
            result.append(NodeRecord(nodeId: try row.text(0), gossipAddress: try row.optionalText(1), lastSeen: try row.int(2),
                                     appliedRevision: try row.optionalInt(3), lastError: try row.optionalText(4)))
        }
        return result
    }
}
