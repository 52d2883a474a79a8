import Synchronization
import Shared

/// Decoded deployment definitions, keyed by the SHA-256 of their stored bytes, reused across
/// snapshot builds.
///
/// Deployments are immutable, and decoding their JSON is about half the cost of a snapshot build
/// (see docs/performance.md), so a long-lived control plane keeps one of these and passes it to
/// `SnapshotBuilder`. Keying by content digest rather than by id means a cached entry can never be
/// stale, even if a deleted deployment's id were reused. Each build calls `retainOnly` with the
/// digests it used, so the cache holds only what current stages point at. Thread-safe.
package final class DeploymentContentCache: Sendable {
    private let entries = Mutex<[[UInt8]: DeploymentContent]>([:])

    package init() {}

    /// How many decoded definitions are held.
    package var count: Int { entries.withLock { $0.count } }

    /// The definition stored as `bytes` (with their digest `digest`), decoded at most once.
    func content(bytes: [UInt8], digest: [UInt8]) throws(StoreError) -> DeploymentContent {
        if let cached = entries.withLock({ $0[digest] }) { return cached }
        let decoded = try StoreCodec.decode(DeploymentContent.self, bytes)
        entries.withLock { $0[digest] = decoded }
        return decoded
    }

    /// Drops every entry whose digest is not in `digests`.
    func retainOnly(_ digests: Set<[UInt8]>) {
        entries.withLock { entries in
            entries = entries.filter { digests.contains($0.key) }
        }
    }
}
