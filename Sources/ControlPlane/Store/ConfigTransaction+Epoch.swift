/// The database's epoch: a random id (32 lowercase hex digits) that says which revision counter a
/// revision belongs to.
///
/// Revisions are a bare counter, so two databases — a new one, or this one restored from a backup —
/// can both reach revision 42 with different contents. A node compares (epoch, revision), never the
/// revision alone: when the epoch it has differs from the control plane's it fetches a full snapshot.
/// The epoch is created with the database (migration 7) and kept for its life, except that
/// `noteRevisionSeen` renews it when a node proves the counter went backwards (a restored backup
/// carries the epoch of the database it was taken from).
extension ConfigTransaction {
    /// This database's epoch.
    package func epoch() throws(StoreError) -> String {
        guard let row = try db.query("SELECT epoch FROM revision WHERE id = 1").first else {
            throw .corrupt("revision row missing")
        }
        let epoch = try row.text(0)
        guard !epoch.isEmpty else { throw .corrupt("the database has no epoch") }
        return epoch
    }

    /// Gives the database a new random epoch and bumps the revision, in this transaction, so every
    /// node (parked ones included) is sent a full snapshot. Returns the new epoch.
    @discardableResult
    package func renewEpoch() throws(StoreError) -> String {
        try db.run("UPDATE revision SET epoch = lower(hex(randomblob(16))) WHERE id = 1")
        try bumpRevision()
        return try epoch()
    }

    /// A node reports that it has `revision` of `epoch`. If that is this database's epoch and the
    /// revision is ahead of the counter, the database has gone back in time (it was restored from
    /// a backup, or copied from a later state): the epoch is renewed, so no node keeps a snapshot of
    /// the lost history once the counter climbs back to its number. Returns true when it renewed.
    @discardableResult
    package func noteRevisionSeen(epoch reported: String?, revision reportedRevision: Int64?) throws(StoreError) -> Bool {
        guard let reported, let reportedRevision, reported == (try epoch()), reportedRevision > (try revision()) else { return false }
        try renewEpoch()
        return true
    }
}
