import Foundation
import Testing
@testable import tollgate

/// `CommandOptions`: secrets from files, and the warning for a secret in argv.
@Suite struct CommandOptionsTests {
    static let known: Set<String> = ["listen", "cluster-secret", "admin-secret-access-key"]

    /// A private (0600) file holding `contents`; the caller removes it.
    static func file(_ contents: String) throws -> String {
        let path = NSTemporaryDirectory() + "tollgate-secret-" + UUID().uuidString
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o600)
        return path
    }

    @Test func secretFileIsReadWithItsTrailingNewlineStripped() throws {
        let path = try Self.file("s3cret-value\n")
        defer { unlink(path) }
        let options = try CommandOptions(["--cluster-secret-file", path], known: Self.known)
        #expect(try options.secret("cluster-secret") == "s3cret-value")
        #expect(options.warnings.isEmpty)
    }

    @Test func onlyOneTrailingNewlineIsStrippedAndCRLFCounts() throws {
        let path = try Self.file("abc\r\n")
        defer { unlink(path) }
        #expect(try CommandOptions(["--admin-secret-access-key-file=\(path)"], known: Self.known).secret("admin-secret-access-key") == "abc")
        let inner = try Self.file("a b\n\n")
        defer { unlink(inner) }
        #expect(try CommandOptions(["--cluster-secret-file", inner], known: Self.known).secret("cluster-secret") == "a b\n")
    }

    @Test func secretOnTheCommandLineWorksButWarns() throws {
        let options = try CommandOptions(["--cluster-secret", "in-argv"], known: Self.known)
        #expect(try options.secret("cluster-secret") == "in-argv")
        #expect(options.warnings.count == 1)
        #expect(options.warnings.first?.contains("--cluster-secret on the command line is visible to every user") == true)
        #expect(options.warnings.first?.contains("--cluster-secret-file") == true)
    }

    @Test func aSecretFileOthersCanReadIsWarnedAbout() throws {
        let path = try Self.file("s\n")
        defer { unlink(path) }
        chmod(path, 0o644)
        let open = try CommandOptions(["--cluster-secret-file", path], known: Self.known)
        #expect(open.warnings == ["the secret file \(path) is readable by other users (mode 644); chmod 600 it"])
        chmod(path, 0o600)
        #expect(try CommandOptions(["--cluster-secret-file", path], known: Self.known).warnings.isEmpty)
    }

    @Test func secretFileAndValueTogetherAreRefused() throws {
        let path = try Self.file("x")
        defer { unlink(path) }
        #expect(throws: UsageError.self) {
            try CommandOptions(["--cluster-secret", "a", "--cluster-secret-file", path], known: Self.known)
        }
    }

    @Test func missingOrEmptySecretFileIsAReadableError() throws {
        let missing = NSTemporaryDirectory() + "tollgate-no-such-secret-" + UUID().uuidString
        let options = try CommandOptions(["--cluster-secret-file", missing], known: Self.known)
        do {
            _ = try options.secret("cluster-secret")
            Issue.record("read a missing file")
        } catch {
            #expect(error.description == "--cluster-secret-file: cannot read \(missing): No such file or directory")
        }
        let empty = try Self.file("\n")
        defer { unlink(empty) }
        do {
            _ = try CommandOptions(["--cluster-secret-file", empty], known: Self.known).secret("cluster-secret")
            Issue.record("accepted an empty secret file")
        } catch {
            #expect(error.description.hasSuffix("is empty"))
        }
    }

    @Test func secretFileFromTheEnvironment() throws {
        let path = try Self.file("from-env-file\n")
        defer { unlink(path) }
        setenv("TOLLGATE_CLUSTER_SECRET_FILE", path, 1)
        defer { unsetenv("TOLLGATE_CLUSTER_SECRET_FILE") }
        #expect(try CommandOptions([], known: Self.known).requireSecret("cluster-secret") == "from-env-file")
    }

    @Test func fileFormIsOnlyKnownForSecrets() {
        #expect(throws: UsageError.self) { try CommandOptions(["--listen-file", "/x"], known: Self.known) }
    }

    @Test func controlPlaneTakesBothSecretsFromFiles() throws {
        let admin = try Self.file("admin-secret\n"), cluster = try Self.file("cluster-secret\n")
        defer { unlink(admin); unlink(cluster) }
        let options = try CommandOptions(["--data-dir", "/tmp/x", "--admin-access-key-id", "AKID",
                                          "--admin-secret-access-key-file", admin, "--cluster-secret-file", cluster],
                                         known: ControlPlaneCommand.flags)
        let configuration = try ControlPlaneCommand.configuration(options)
        #expect(configuration.adminSecretAccessKey == "admin-secret")
        #expect(configuration.clusterSecret == "cluster-secret")
        #expect(options.warnings.isEmpty)
    }

    @Test func dataPlaneTakesTheClusterSecretFromAFile() throws {
        let cluster = try Self.file("node-secret\n")
        defer { unlink(cluster) }
        let options = try CommandOptions(["--control-plane", "http://127.0.0.1:4000", "--state-dir", "/tmp/s", "--node-id", "n1",
                                          "--cluster-secret-file", cluster], known: DataPlaneCommand.flags)
        #expect(try DataPlaneCommand.configuration(options).clusterSecret == "node-secret")
    }
}
