import DataPlane
import Foundation
import Testing
@testable import tollgate

/// `tollgate data-plane` flag parsing (the process tests cover the running command).
@Suite struct DataPlaneCommandTests {
    static let required = ["--control-plane", "http://127.0.0.1:4000", "--state-dir", "/tmp/state", "--node-id", "n1",
                           "--cluster-secret", "s3cret"]

    static func parse(_ arguments: [String]) throws(UsageError) -> DataPlaneNodeConfigurationSummary {
        let configuration = try DataPlaneCommand.configuration(CommandOptions(arguments, known: DataPlaneCommand.flags))
        return DataPlaneNodeConfigurationSummary(
            listen: "\(configuration.host):\(configuration.port)", controlPlane: configuration.controlPlane.description,
            stateDirectory: configuration.stateDirectory, nodeId: configuration.nodeId, gossip: configuration.gossipAddress,
            threads: configuration.threads, lambda: configuration.lambdaEndpoint.map { "\($0.host):\($0.port)\($0.basePath)" })
    }

    @Test func parsesEveryFlag() throws {
        let summary = try Self.parse(["--listen", "0.0.0.0:8080", "--gossip", "10.0.0.2:7946", "--threads", "3",
                                      "--lambda-endpoint", "http://127.0.0.1:3001/lambda"] + Self.required)
        #expect(summary == DataPlaneNodeConfigurationSummary(
            listen: "0.0.0.0:8080", controlPlane: "http://127.0.0.1:4000", stateDirectory: "/tmp/state", nodeId: "n1",
            gossip: "10.0.0.2:7946", threads: 3, lambda: "127.0.0.1:3001/lambda"))
    }

    @Test func takesTheAWSEndpointAndCredentialsWithTheEnvironmentAsDefault() throws {
        let path = NSTemporaryDirectory() + "tollgate-aws-credentials-\(UUID().uuidString).json"
        let role = "arn:aws:iam::000000000000:role/apigw"
        try #"{"\#(role)": {"accessKeyId": "AKIDROLE", "secretAccessKey": "s"}}"#.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let environment = ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret"]
        let configuration = try DataPlaneCommand.configuration(
            CommandOptions(Self.required + ["--aws-endpoint", "http://127.0.0.1:5000", "--aws-credentials", path], known: DataPlaneCommand.flags),
            environment: environment)
        #expect(configuration.awsEndpoint == LambdaEndpoint(url: "http://127.0.0.1:5000"))
        #expect(configuration.awsCredentials.roles[role]?.accessKeyId == "AKIDROLE")
        #expect(configuration.awsCredentials.defaultCredentials?.accessKeyId == "AKIDENV")
        let bare = try DataPlaneCommand.configuration(CommandOptions(Self.required, known: DataPlaneCommand.flags), environment: [:])
        #expect(bare.awsCredentials.isEmpty && bare.awsEndpoint == nil)
        #expect(throws: UsageError.self) {
            try DataPlaneCommand.configuration(CommandOptions(Self.required + ["--aws-endpoint", "https://sqs.example"], known: DataPlaneCommand.flags))
        }
        #expect(throws: UsageError.self) {
            try DataPlaneCommand.configuration(CommandOptions(Self.required + ["--aws-credentials", path + ".missing"], known: DataPlaneCommand.flags))
        }
    }

    @Test(arguments: [
        ([String](), 512 * 1024 * 1024),
        (["--max-buffered-body-bytes", "1048576"], 1_048_576),
        (["--max-buffered-body-bytes", "64KiB"], 64 * 1024),
        (["--max-buffered-body-bytes", "256MiB"], 256 * 1024 * 1024),
        (["--max-buffered-body-bytes", "2GiB"], 2 * 1024 * 1024 * 1024),
    ])
    func takesTheBodyMemoryBudget(arguments: [String], bytes: Int) throws {
        let configuration = try DataPlaneCommand.configuration(CommandOptions(Self.required + arguments, known: DataPlaneCommand.flags))
        #expect(configuration.maxBufferedBodyBytes == bytes)
    }

    @Test func takesTheAccessLogDirectory() throws {
        let without = try DataPlaneCommand.configuration(CommandOptions(Self.required, known: DataPlaneCommand.flags))
        #expect(without.accessLogDirectory == nil)
        let with = try DataPlaneCommand.configuration(CommandOptions(Self.required + ["--access-log-dir", "/tmp/"], known: DataPlaneCommand.flags))
        #expect(with.accessLogDirectory == "/tmp")
    }

    @Test(arguments: [
        (["--state-dir", "/s", "--node-id", "n", "--cluster-secret", "c"], "missing --control-plane"),
        (required + ["--access-log-dir", "/nonexistent/logs"], "--access-log-dir: /nonexistent/logs is not a directory"),
        (["--control-plane", "127.0.0.1:4000", "--state-dir", "/s", "--node-id", "n", "--cluster-secret", "c"], "--control-plane must"),
        (required + ["--lambda-endpoint", "ftp://lambda.example"], "--lambda-endpoint must"),
        (required + ["--ca-file", "/nonexistent/ca.pem"], "--ca-file: TLS configuration: cannot load CA certificates /nonexistent/ca.pem"),
        (required + ["--gossip", "127.0.0.1:0"], "--gossip needs a fixed port"),
        (required + ["--threads", "0"], "--threads must"),
        (required + ["--bogus", "1"], "unknown option"),
        (required + ["--max-snapshot-bytes", "1000"], "--max-snapshot-bytes must be a number of bytes (e.g. 1073741824 or 1GiB), at least 65536"),
        (required + ["--max-snapshot-bytes", "32KiB"], "--max-snapshot-bytes must"),
        (required + ["--max-snapshot-bytes", "lots"], "--max-snapshot-bytes must"),
        (required + ["--max-buffered-body-bytes", "0"], "--max-buffered-body-bytes must"),
        (required + ["--max-buffered-body-bytes", "lots"], "--max-buffered-body-bytes must"),
        (required + ["--max-buffered-body-bytes", "99999999999GiB"], "--max-buffered-body-bytes must"),
        (required + ["--tls-listen", "127.0.0.1:8443"],
         "--tls-listen, --tls-cert and --tls-key go together: missing --tls-cert (or TOLLGATE_TLS_CERT), --tls-key (or TOLLGATE_TLS_KEY)"),
        (required + ["--tls-cert", "/c.pem", "--tls-key", "/k.pem"], "go together: missing --tls-listen (or TOLLGATE_TLS_LISTEN)"),
        (required + ["--tls-listen", "127.0.0.1", "--tls-cert", "/c.pem", "--tls-key", "/k.pem"], "expected HOST:PORT"),
        (required + ["--tls-listen", "127.0.0.1:8443", "--tls-cert", "/nonexistent/c.pem", "--tls-key", "/nonexistent/k.pem"],
         "--tls-cert/--tls-key: TLS configuration: cannot load certificate /nonexistent/c.pem"),
    ])
    func refusesBadCommandLines(arguments: [String], message: String) {
        do {
            _ = try Self.parse(arguments)
            Issue.record("accepted \(arguments)")
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
        }
    }
}

extension DataPlaneCommandTests {
    @Test func snapshotLimitDefaultsToOneGibibyteAndCanBeRaised() throws {
        let options = { (extra: [String]) throws(UsageError) in
            try DataPlaneCommand.configuration(CommandOptions(extra + Self.required, known: DataPlaneCommand.flags))
        }
        #expect(try options([]).maximumSnapshotBytes == 1 << 30)
        #expect(try options(["--max-snapshot-bytes", "4294967296"]).maximumSnapshotBytes == 4_294_967_296)
        #expect(try options(["--max-snapshot-bytes", "2GiB"]).maximumSnapshotBytes == 2 << 30)
        #expect(try options(["--max-snapshot-bytes", "64KiB"]).maximumSnapshotBytes == 65536)
    }
}

extension DataPlaneCommandTests {
    @Test func takesTheTLSListenerAndReadsItsCertificateAtOnce() throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let parse = { (key: String) throws(UsageError) in
            try DataPlaneCommand.configuration(CommandOptions(
                Self.required + ["--tls-listen", "0.0.0.0:8443", "--tls-cert", certificates.leafFile, "--tls-key", key],
                known: DataPlaneCommand.flags))
        }
        let listener = try #require(try parse(certificates.leafKeyFile).tls)
        #expect(listener.host == "0.0.0.0" && listener.port == 8443)
        #expect(listener.certificateFile == certificates.leafFile && listener.keyFile == certificates.leafKeyFile)
        #expect(try DataPlaneCommand.configuration(CommandOptions(Self.required, known: DataPlaneCommand.flags)).tls == nil)
        // A key of another certificate is refused before the node starts.
        #expect { try parse(certificates.selfSignedKeyFile) } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("--tls-cert/--tls-key: TLS configuration:")
                && (text.contains("does not match") || text.contains("key values mismatch"))
        }
    }
}

/// The parsed parts worth comparing.
struct DataPlaneNodeConfigurationSummary: Equatable {
    let listen: String
    let controlPlane: String
    let stateDirectory: String
    let nodeId: String
    let gossip: String?
    let threads: Int
    let lambda: String?
}
