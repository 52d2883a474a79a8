import Synchronization
import Shared

/// The node's stage caches, one `StageCacheStore` per REST API stage, shared by every snapshot's
/// filters and every loop (`PipelineConfiguration.stageCaches`).
///
/// A store survives snapshot changes (while a chain uses it), so cached answers keep serving after an unrelated deployment
/// (keys name the deployment, the flush generation and the namespace, so a redeploy or a flush
/// misses and the old entries age out or are evicted). A changed `cacheClusterSize` gets a new,
/// empty store, as resizing a cluster wipes it on AWS. `store(for:)` runs while a snapshot's chains
/// are built, off the event loops; the filters keep the store they were given.
package final class StageCacheRuntime: Sendable {
    /// Held weakly: the filters of the serving snapshot's chains own their stores, so the store of
    /// a deleted or cache-disabled stage goes with the last chain that used it (its memory is
    /// released), while a store in use is found again by the next snapshot's factories.
    private struct WeakStore {
        weak var store: StageCacheStore?
    }

    private let stores = Mutex([String: WeakStore]())
    /// Monotonic nanoseconds (entry deadlines).
    let clock: @Sendable () -> UInt64

    package init(clock: @escaping @Sendable () -> UInt64 = { Syscall.monotonicNanos() }) {
        self.clock = clock
    }

    /// The store of stage `stageName` of `restApiId` with `capacityBytes`.
    package func store(restApiId: String, stageName: String, capacityBytes: Int) -> StageCacheStore {
        let name = "\(restApiId)/\(stageName)"
        return stores.withLock { stores in
            if let existing = stores[name]?.store, existing.capacityBytes == capacityBytes { return existing }
            let made = StageCacheStore(capacityBytes: capacityBytes, clock: clock)
            stores = stores.filter { $0.value.store != nil }
            stores[name] = WeakStore(store: made)
            return made
        }
    }

    /// The store of a stage if it has one (metrics, tests).
    package func existingStore(restApiId: String, stageName: String) -> StageCacheStore? {
        stores.withLock { $0["\(restApiId)/\(stageName)"]?.store }
    }
}
