import Synchronization
import Shared

/// The node's stage caches, one `StageCacheStore` per REST API stage, shared by every snapshot's
/// filters and every loop (`PipelineConfiguration.stageCaches`).
///
/// A store survives snapshot changes, so cached answers keep serving after an unrelated deployment
/// (keys name the deployment, the flush generation and the namespace, so a redeploy or a flush
/// misses and the old entries age out or are evicted). A changed `cacheClusterSize` gets a new,
/// empty store, as resizing a cluster wipes it on AWS. `store(for:)` runs while a snapshot's chains
/// are built, off the event loops; the filters keep the store they were given.
package final class StageCacheRuntime: Sendable {
    private let stores = Mutex([String: StageCacheStore]())
    /// Monotonic nanoseconds (entry deadlines).
    let clock: @Sendable () -> UInt64

    package init(clock: @escaping @Sendable () -> UInt64 = { Syscall.monotonicNanos() }) {
        self.clock = clock
    }

    /// The store of stage `stageName` of `restApiId` with `capacityBytes`.
    package func store(restApiId: String, stageName: String, capacityBytes: Int) -> StageCacheStore {
        let name = "\(restApiId)/\(stageName)"
        return stores.withLock { stores in
            if let existing = stores[name], existing.capacityBytes == capacityBytes { return existing }
            let made = StageCacheStore(capacityBytes: capacityBytes, clock: clock)
            stores[name] = made
            return made
        }
    }

    /// The store of a stage if it has one (metrics, tests).
    package func existingStore(restApiId: String, stageName: String) -> StageCacheStore? {
        stores.withLock { $0["\(restApiId)/\(stageName)"] }
    }
}
