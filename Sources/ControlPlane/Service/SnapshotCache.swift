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

    init(store: ConfigStore) {
        self.store = store
    }

    /// The snapshot for the store's current revision (rebuilt only when the revision moved).
    func current() throws -> Entry {
        let revision = try store.revision()
        if let entry = cached.withLock({ $0 }), entry.revision == revision { return entry }
        let encoded = try SnapshotBuilder.buildEncoded(store, now: Int64(Date().timeIntervalSince1970), cache: deployments)
        let entry = Entry(revision: encoded.revision, epoch: encoded.epoch, body: encoded.bytes)
        cached.withLock { $0 = entry }
        return entry
    }
}
