/// Why a snapshot body was refused by `SnapshotCodec.decode`.
///
/// A node that refuses a snapshot keeps serving the one it has and reports `message` to the
/// control plane on its next poll.
package enum SnapshotCodecError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not JSON, not shaped like a snapshot, or missing/ill-typed `schemaVersion` or `checksum`.
    case malformed(String)
    /// A `schemaVersion` this build does not read.
    case unsupportedSchema(Int)
    /// The body's bytes do not hash to the `checksum` it carries (corrupted or altered).
    case checksumMismatch

    /// One line for logs and node error reports.
    package var message: String {
        switch self {
        case .malformed(let reason): "malformed snapshot: \(reason)"
        case .unsupportedSchema(let version):
            "unsupported snapshot schema version \(version) (this build reads \(Snapshot.currentSchemaVersion))"
        case .checksumMismatch: "snapshot checksum mismatch"
        }
    }

    package var description: String { message }
}
