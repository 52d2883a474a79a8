/// A snapshot ready to serve: the exact `SnapshotCodec` bytes plus the revision and checksum they
/// carry, so the long-poll service can cache and compare without decoding. Immutable, `Sendable`.
package struct EncodedSnapshot: Sendable, Equatable {
    package let revision: Int64
    package let checksum: String
    /// The response body (`application/json`).
    package let bytes: [UInt8]

    package init(revision: Int64, checksum: String, bytes: [UInt8]) {
        self.revision = revision
        self.checksum = checksum
        self.bytes = bytes
    }
}
