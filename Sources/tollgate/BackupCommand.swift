import ControlPlane
#if canImport(Glibc)
import Glibc
#endif

/// `tollgate backup --data-dir DIR --to FILE`: a consistent copy of the control plane's database,
/// safe while the control plane runs (`VACUUM INTO`, see `ConfigStore.backup`). Restoring is
/// copying FILE to `DIR/tollgate.sqlite` while the control plane is stopped (docs/operations.md).
enum BackupCommand {
    static let flags: Set<String> = ["data-dir", "to"]

    static func run(_ arguments: [String]) throws(UsageError) -> Never {
        let options = try CommandOptions(arguments, known: flags)
        let directory = try options.require("data-dir", why: "the control plane's data directory")
        let destination = try options.require("to", why: "the file to write the copy to")
        do {
            let summary = try ConfigStore.backup(directory: directory, to: destination)
            print("backed up \(summary.source) (revision \(summary.revision)) to \(summary.destination)")
            exit(0)
        } catch {
            fail("tollgate backup: \(error)")
        }
    }
}
