import Testing
@testable import Shared
@testable import tollgate

/// `--log-level` and `--log-format` on the service commands: defaults, values, refusals.
@Suite struct LogOptionsTests {
    static func log(_ arguments: [String], terminal: Bool = false) throws(UsageError) -> ProcessLog {
        try LogOptions.processLog(CommandOptions(arguments, known: LogOptions.flags), node: "node-a", standardErrorIsTerminal: terminal)
    }

    @Test func defaultsAreInfoAndAuto() throws {
        #expect(try Self.log([]).minimumLevel == .info)
        #expect(try Self.log([]).format == .json)
        #expect(try Self.log([], terminal: true).format == .text)
        #expect(try Self.log([]).node == "node-a")
    }

    @Test func givenValuesAreUsed() throws {
        let log = try Self.log(["--log-level", "debug", "--log-format", "text"])
        #expect(log.minimumLevel == .debug && log.format == .text)
        #expect(try Self.log(["--log-level=error", "--log-format=json"], terminal: true).format == .json)
    }

    @Test(arguments: [["--log-level", "verbose"], ["--log-level", "INFO"], ["--log-level", ""], ["--log-format", "yaml"], ["--log-format", "Text"]])
    func badValuesAreUsageErrors(arguments: [String]) {
        #expect(throws: UsageError.self) { try Self.log(arguments) }
    }

    @Test(arguments: ["data-plane", "control-plane", "dev", "lambda-runner"])
    func everyServiceCommandTakesBothFlags(command: String) throws {
        let help = try #require(CommandHelp.forCommand(command))
        #expect(help.flags.isSuperset(of: ["log-level", "log-format"]))
    }

    @Test func controlPlaneRefusesABadLevelBeforeStarting() {
        #expect(throws: UsageError.self) {
            try ControlPlaneCommand.configuration(CommandOptions(
                ["--data-dir", "/tmp/x", "--admin-access-key-id", "AKID", "--admin-secret-access-key", "s", "--cluster-secret", "c",
                 "--log-level", "loud"], known: ControlPlaneCommand.flags))
        }
    }

    @Test func controlPlaneLogsAsControlPlane() throws {
        let configuration = try ControlPlaneCommand.configuration(CommandOptions(
            ["--data-dir", "/tmp/x", "--admin-access-key-id", "AKID", "--admin-secret-access-key", "s", "--cluster-secret", "c",
             "--log-level", "warn"], known: ControlPlaneCommand.flags))
        #expect(configuration.log.node == "control-plane" && configuration.log.minimumLevel == .warn)
    }
}

extension LogOptionsTests {
    @Test func aDataPlaneNodeLogsAsItsNodeId() throws {
        let configuration = try DataPlaneCommand.configuration(CommandOptions(
            DataPlaneCommandTests.required + ["--log-format", "text", "--log-level", "debug"], known: DataPlaneCommand.flags))
        #expect(configuration.log.node == "n1")
        #expect(configuration.log.format == .text && configuration.log.minimumLevel == .debug)
        #expect(throws: UsageError.self) {
            try DataPlaneCommand.configuration(CommandOptions(DataPlaneCommandTests.required + ["--log-format", "xml"], known: DataPlaneCommand.flags))
        }
    }
}
