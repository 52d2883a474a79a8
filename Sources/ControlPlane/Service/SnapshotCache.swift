import Foundation
import Shared
import Synchronization

/// The encoded snapshot for the current revision, built at most once per revision.
///
/// Polls that wake together on a commit all get the same bytes: the first caller builds them
/// (store read + JSON encoding + checksum; unchanged deployments come from `DeploymentJSONCache`) and the rest reuse them. Call only from the store queue.
final class SnapshotCache: Sendable {
    /// An encoded snapshot and the epoch and revision it reflects.
    struct Entry: Sendable {
        let revision: Int64
        let epoch: String
        let body: [UInt8]
    }

    private let store: ConfigStore
    private let cached = Mutex<Entry?>(nil)
    /// Encoded deployments by content hash: a new revision re-encodes only what changed.
    private let deployments = DeploymentJSONCache()

    /// Seals IAM secret access keys for the snapshot (nil: IAM users are left out of it).
    private let seal: SecretSeal?

    init(store: ConfigStore, seal: SecretSeal? = nil) {
        self.store = store
        self.seal = seal
    }

    /// The snapshot for the store's current revision (rebuilt only when the revision moved).
    ///
    /// `knownRevision` is a revision just published by a commit (what woke a parked poll): when the
    /// cached entry is that revision it is answered without reading the store again; otherwise the
    /// snapshot is rebuilt at whatever the store has now. Either way the answer is at least as new
    /// as the revision that woke the poll.
    func current(knownRevision: Int64? = nil) throws -> Entry {
        let cachedEntry = cached.withLock { $0 }
        if let knownRevision, let cachedEntry, cachedEntry.revision == knownRevision { return cachedEntry }
        if knownRevision == nil, let cachedEntry, cachedEntry.revision == (try store.revision()) { return cachedEntry }
        let encoded = try SnapshotBuilder.buildEncoded(store, now: Int64(Date().timeIntervalSince1970), cache: deployments, seal: seal)
        let entry = Entry(revision: encoded.revision, epoch: encoded.epoch, body: encoded.bytes)
        cached.withLock { $0 = entry }
        return entry
    }
}
