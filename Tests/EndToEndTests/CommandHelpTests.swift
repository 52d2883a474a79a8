import Testing
@testable import tollgate

/// `tollgate COMMAND --help` and `tollgate --version`.
@Suite struct CommandHelpTests {
    @Test(arguments: ["dev", "control-plane", "data-plane", "echo", "lambda-runner", "rollback", "audit", "nodes", "backup"])
    func everyCommandListsEachFlagItAccepts(command: String) throws {
        let help = try #require(CommandHelp.forCommand(command))
        #expect(help.text.hasPrefix("usage: tollgate \(command) [options]"))
        for flag in help.flags {
            #expect(help.text.contains("--\(flag) "), "\(command) help lacks --\(flag)")
        }
    }

    @Test(arguments: ["dev", "control-plane", "data-plane", "echo", "lambda-runner", "rollback", "audit", "nodes", "backup"])
    func everyFlagIsDescribed(command: String) throws {
        let help = try #require(CommandHelp.forCommand(command))
        for flag in help.flags {
            let description = help.overrides[flag] ?? CommandHelp.descriptions[flag]
            #expect(description?.text.isEmpty == false, "\(command) help does not describe --\(flag)")
            // A switch (`audit --follow`) takes no value, so its placeholder is empty.
            let isSwitch = AdminToolCommand.switches(for: command).contains(flag) || (command == "dev" && DevCommand.switches.contains(flag))
            #expect(description?.value.isEmpty == isSwitch, "\(command) help names no value for --\(flag)")
        }
    }

    @Test func limitsOffSaysTheApiKeyCheckStillRuns() throws {
        let text = try #require(CommandHelp.descriptions["limits"]).text
        #expect(text.contains("API key check still runs"))
    }

    @Test func controlPlaneGossipSaysItIsOnByDefault() throws {
        let text = try #require(CommandHelp.forCommand("control-plane")).text
        #expect(text.contains("--gossip HOST:PORT|off"))
        #expect(!text.contains("with --gossip also the quota observer"))
    }

    @Test func secretFlagsShowTheirFileFormFirst() throws {
        let text = try #require(CommandHelp.forCommand("control-plane")).text
        let file = try #require(text.range(of: "--cluster-secret-file FILE"))
        let plain = try #require(text.range(of: "--cluster-secret SECRET"))
        #expect(file.lowerBound < plain.lowerBound)
        #expect(text.contains("--admin-secret-access-key-file FILE"))
    }

    @Test func unknownCommandHasNoHelp() {
        #expect(CommandHelp.forCommand("bogus") == nil)
    }

    @Test func versionNamesTheReleaseAndFormats() {
        #expect(TollgateVersion.line.hasPrefix("tollgate \(TollgateVersion.release) (database schema "))
    }
}
