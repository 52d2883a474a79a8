import ControlPlane
import Shared

/// What `tollgate --version` prints: the release and the on-disk formats this build reads and
/// writes, which is what an operator needs to know before an upgrade or a restore.
enum TollgateVersion {
    /// The release; bump it when cutting one.
    static let release = "0.1.0"

    static var line: String {
        "tollgate \(release) (database schema \(Migrations.latestVersion), snapshot schema \(Snapshot.currentSchemaVersion))"
    }
}
