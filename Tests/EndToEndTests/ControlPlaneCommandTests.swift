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
