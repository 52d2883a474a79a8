/// A stage's cache cluster as a node serves it: the memory bound and the flush generation.
///
/// AWS sizes a cluster in GB (`cacheClusterSize` 0.5 … 237); a Tollgate node holds the stage's
/// cache in its own memory, so a size maps to a per-node bound of `size × 64 MiB` (0.5 → 32 MiB,
/// 1.6 → 102.4 MiB, 6.1 → 390.4 MiB, … 237 → 14.8 GiB; docs/compatibility.md). Each node caches on
/// its own (no sharing across the cluster).
package struct CompiledStageCache: Sendable, Equatable {
    /// Bytes of cached responses (bodies, headers and keys) the node keeps for the stage.
    package let capacityBytes: Int
    /// Bumped by FlushStageCache: part of every key, so a flush reaches every node with the snapshot.
    package let generation: Int

    package static let bytesPerGB = 64 * 1024 * 1024
    /// AWS's default when `cacheClusterEnabled` is set without a size.
    package static let defaultSize = "0.5"

    package init(capacityBytes: Int, generation: Int) {
        self.capacityBytes = capacityBytes
        self.generation = generation
    }

    /// The node bound for `cacheClusterSize` (nil: not one of AWS's sizes).
    package static func capacityBytes(forSize size: String) -> Int? {
        guard ["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"].contains(size), let gb = Double(size) else { return nil }
        return Int(gb * Double(bytesPerGB))
    }
}
