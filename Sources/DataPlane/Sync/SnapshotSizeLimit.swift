/// The largest snapshot a node takes, in bytes: one bound for the poll client, the control plane's
/// 413 (`limit=` on every poll) and the disk cache, set with `tollgate data-plane
/// --max-snapshot-bytes`.
///
/// Snapshots are not API traffic, so the 10 MiB payload cap of `HTTPLimits` does not apply: every
/// stage carries its whole deployment, and 25,000 route-stages or a few large mapping templates
/// already pass 10 MiB. The default, 1 GiB, is far above any configuration seen so far and still
/// bounds what a node buffers, decodes and compiles (decoding needs a few times the body's size).
package enum SnapshotSizeLimit {
    /// 1 GiB.
    package static let defaultBytes = 1 << 30
    /// Below this a limit would refuse even an empty deployment; `--max-snapshot-bytes` refuses it.
    package static let minimumBytes = 64 * 1024
}
