import Testing
import ControlPlane
import Shared
@testable import tollgate

/// `tollgate control-plane` and `tollgate dev` gossip defaults (the process tests cover the running
/// commands): the quota observer gossips unless told `off`, on the listen port's number.
@Suite struct ControlPlaneCommandTests {
    static let required = ["--data-dir", "/tmp/cp", "--admin-access-key-id", "AKID", "--admin-secret-access-key", "secret",
                           "--cluster-secret", "s3cret"]

    static func parse(_ arguments: [String]) throws(UsageError) -> ControlPlaneService.Configuration {
        try ControlPlaneCommand.configuration(CommandOptions(arguments, known: ControlPlaneCommand.flags))
    }

    @Test func gossipsOnTheListenPortNumberByDefault() throws {
        let configuration = try Self.parse(["--listen", "127.0.0.1:4100"] + Self.required)
        #expect(configuration.gossipBind?.description == "127.0.0.1:4100")
        #expect(try Self.parse(Self.required).gossipBind?.description == "127.0.0.1:4000")
    }

    @Test func listenPortZeroGossipsOnAFreePort() throws {
        #expect(try Self.parse(["--listen", "127.0.0.1:0"] + Self.required).gossipBind?.description == "127.0.0.1:0")
    }

    @Test func gossipOffOptsOut() throws {
        #expect(try Self.parse(["--gossip", "off"] + Self.required).gossipBind == nil)
    }

    @Test func anExplicitGossipAddressWins() throws {
        let configuration = try Self.parse(["--listen", "127.0.0.1:4100", "--gossip", "127.0.0.1:7946",
                                            "--gossip-advertise", "10.0.0.1:7946"] + Self.required)
        #expect(configuration.gossipBind?.description == "127.0.0.1:7946")
        #expect(configuration.gossipAdvertise == "10.0.0.1:7946")
    }

    /// TestInvokeMethod/TestInvokeAuthorizer call what a node calls: the node's flags, the node's parsers.
    @Test func takesTheNodesIntegrationAndAuthorizerFlagsForTestInvocations() throws {
        let options = try CommandOptions(["--lambda-endpoint", "http://127.0.0.1:9001", "--aws-endpoint", "http://127.0.0.1:5000",
                                          "--authorizer-timeout", "250"] + Self.required, known: ControlPlaneCommand.flags)
        let settings = try ControlPlaneCommand.testInvokeSettings(options, environment: [:], log: .discard)
        #expect(settings.lambdaEndpoint?.port == 9001)
        #expect(settings.awsEndpoint?.port == 5000)
        #expect(settings.authorizerTimeout == .milliseconds(250))
        let bad = try CommandOptions(["--lambda-endpoint", "ftp://nowhere"] + Self.required, known: ControlPlaneCommand.flags)
        #expect(throws: UsageError.self) { try ControlPlaneCommand.testInvokeSettings(bad, environment: [:], log: .discard) }
        // Test runs are not traced: the node's --otlp-endpoint is no control-plane flag.
        #expect(throws: UsageError.self) { try Self.parse(["--otlp-endpoint", "http://127.0.0.1:4318/v1/traces"] + Self.required) }
    }

    @Test func takesAnHTTPSListenerBesideOrInsteadOfThePlainOne() throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let tls = ["--tls-listen", "127.0.0.1:4443", "--tls-cert", certificates.leafFile, "--tls-key", certificates.leafKeyFile]
        let beside = try Self.parse(tls + Self.required)
        #expect(beside.servesPlain && beside.tls?.port == 4443 && beside.port == 4000)
        #expect(beside.gossipBind?.description == "127.0.0.1:4000")
        // Instead: no plain listener, and the gossip default follows the HTTPS address.
        let instead = try Self.parse(["--listen", "off"] + tls + Self.required)
        #expect(!instead.servesPlain && instead.tls?.certificateFile == certificates.leafFile)
        #expect(instead.gossipBind?.description == "127.0.0.1:4443")
        // A control plane with no listener at all, half a TLS listener, or a bad pair: usage errors.
        #expect(throws: UsageError.self) { try Self.parse(["--listen", "off"] + Self.required) }
        #expect(throws: UsageError.self) { try Self.parse(["--tls-listen", "127.0.0.1:4443"] + Self.required) }
        #expect(throws: UsageError.self) {
            try Self.parse(["--tls-listen", "127.0.0.1:4443", "--tls-cert", certificates.leafFile, "--tls-key", certificates.selfSignedKeyFile]
                           + Self.required)
        }
        #expect(try Self.parse(Self.required).tls == nil)
    }

    @Test func refusesAnUnresolvableGossipAddress() {
        #expect(throws: UsageError.self) { try Self.parse(["--gossip", "nonsense"] + Self.required) }
    }

    @Test func devGossipsOnItsAdminAndGatewayPortNumbersUnlessOff() throws {
        let on = try DevCommand.gossipBinds(CommandOptions([], known: DevCommand.flags), host: "127.0.0.1",
                                            adminPort: 4000, gatewayPort: 4001)
        #expect(on?.controlPlane.description == "127.0.0.1:4000")
        #expect(on?.node.description == "127.0.0.1:4001")
        let off = try DevCommand.gossipBinds(CommandOptions(["--gossip", "off"], known: DevCommand.flags), host: "127.0.0.1",
                                             adminPort: 4000, gatewayPort: 4001)
        #expect(off == nil)
    }
}
