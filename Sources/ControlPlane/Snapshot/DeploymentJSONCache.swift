import Synchronization
import Shared

/// The canonical snapshot JSON of deployment definitions, keyed by the SHA-256 of their stored
/// bytes, reused across snapshot builds.
///
/// Deployments are immutable and are nearly all of a snapshot's bytes; decoding them from the store
/// and encoding them again is nearly all of a build's time (docs/performance.md). A long-lived
/// control plane keeps one of these and passes it to `SnapshotBuilder.buildEncoded`, which then
/// only hashes the stored bytes of a known deployment and splices its cached JSON in
/// (`SnapshotCodec.seal(header:stages:)`). Keying by content digest rather than by id means an
/// entry can never be stale, even if a deleted deployment's id were reused. Each build calls
/// `retainOnly` with the digests it used, so the cache holds only what current stages point at.
/// Thread-safe.
package final class DeploymentJSONCache: Sendable {
    private let entries = Mutex<[[UInt8]: [UInt8]]>([:])

    package init() {}

    /// How many deployments are held.
    package var count: Int { entries.withLock { $0.count } }

    /// The canonical JSON of the definition stored as `bytes` (whose SHA-256 is `digest`); decoded
    /// and re-encoded on first sight only.
    func json(storedBytes bytes: [UInt8], digest: [UInt8]) throws(StoreError) -> [UInt8] {
        if let cached = entries.withLock({ $0[digest] }) { return cached }
        let json = SnapshotCodec.canonicalJSON(try StoreCodec.decode(DeploymentContent.self, bytes))
        entries.withLock { $0[digest] = json }
        return json
    }

    /// Drops every entry whose digest is not in `digests`.
    func retainOnly(_ digests: Set<[UInt8]>) {
        entries.withLock { entries in
            entries = entries.filter { digests.contains($0.key) }
        }
    }
}
