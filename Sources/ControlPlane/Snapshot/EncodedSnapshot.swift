/// A snapshot ready to serve: the exact `SnapshotCodec` bytes plus the revision and checksum they
/// carry, so the long-poll service can cache and compare without decoding. Immutable, `Sendable`.
package struct EncodedSnapshot: Sendable, Equatable {
    package let revision: Int64
    /// The database epoch the revision belongs to (`ConfigTransaction+Epoch`).
    package let epoch: String
    package let checksum: String
    /// The response body (`application/json`).
    package let bytes: [UInt8]

    package init(revision: Int64, epoch: String, checksum: String, bytes: [UInt8]) {
        self.revision = revision
        self.epoch = epoch
        self.checksum = checksum
        self.bytes = bytes
    }
}
