import ControlPlane
import Foundation
import Synchronization
import Testing
@testable import Shared
@testable import tollgate

/// A real `tollgate control-plane` with JSON process logs: its stderr lines parse as JSON, every
/// admin write is an `audit` line, and `tollgate audit --follow` prints each entry once.
@Suite(.serialized, .timeLimit(.minutes(2))) struct ProcessLogEndToEndTests {
    static let credentials = SigV4Credentials(accessKeyId: "AKIDPROCESSLOG000001", secretAccessKey: "process-log-secret")

    /// A control plane on 127.0.0.1 port 0 logging JSON lines at info, and an admin client for it.
    static func controlPlane(_ root: String) async throws -> (TollgateProcess, AdminClient, EventLoopGroup) {
        let process = try await TollgateProcess.start(
            "control-plane",
            ["control-plane", "--listen", "127.0.0.1:0", "--data-dir", root + "/control-plane", "--gossip", "off",
             "--admin-access-key-id", credentials.accessKeyId, "--admin-secret-access-key", credentials.secretAccessKey,
             "--cluster-secret", "process-log-cluster-secret", "--threads", "1", "--log-format", "json", "--log-level", "info"],
            logPath: root + "/control-plane.log", listeningPattern: #"admin API listening on http://127\.0\.0\.1:(\d+)"#)
        let group = EventLoopGroup(threads: 1)
        let client = AdminClient(endpoint: HTTPEndpointAddress(host: "127.0.0.1", port: process.port), credentials: credentials,
                                 client: HTTPClient(group: group))
        return (process, client, group)
    }

    /// The log's lines that are JSON objects (the banner lines on stdout are not).
    static func jsonLines(_ log: String) -> [[String: Any]] {
        log.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("{") else { return nil }
            return (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
    }

    @Test func anAdminWriteIsAnAuditLineOnTheControlPlanesStandardError() async throws {
        let root = NSTemporaryDirectory() + "tollgate-plog-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        TollgateProcess.removeAtExit(root)
        let (process, admin, group) = try await Self.controlPlane(root)
        defer { group.shutdown() }
        let created = try await admin.call(.POST, "/restapis", json: ["name": "logged \"api\"\nname"])
        let id = try #require(created["id"] as? String)

        var audit: [String: Any]?
        let deadline = ContinuousClock.now + .seconds(10)
        while audit == nil, ContinuousClock.now < deadline {
            audit = Self.jsonLines(process.log).first { $0["component"] as? String == "audit" }
            if audit == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        let line = try #require(audit, "no audit line in:\n\(process.log)")
        #expect(line["level"] as? String == "info")
        #expect(line["node"] as? String == "control-plane")
        #expect(line["operation"] as? String == "CreateRestApi")
        #expect(line["targets"] as? String == id)
        #expect(line["status"] as? String == "201")
        #expect(line["accessKeyId"] as? String == Self.credentials.accessKeyId)
        #expect((line["requestId"] as? String)?.isEmpty == false)
        #expect(line["errorType"] == nil)
        let time = try #require(line["time"] as? String)
        #expect(time.count == 24 && time.hasSuffix("Z") && time.contains("."))
        // Neither the body nor the secret is in the log.
        #expect(!process.log.contains("logged"))
        #expect(!process.log.contains(Self.credentials.secretAccessKey))
        // Every stderr line is a JSON object; the only other lines are the stdout banner.
        for text in process.log.split(separator: "\n") where !text.hasPrefix("{") {
            #expect(text.hasPrefix("admin API listening on") || text.hasPrefix("data directory "), "unexpected line: \(text)")
        }
        #expect(await process.stop() == 0)
    }

    @Test func auditFollowPrintsEachEntryMadeBetweenPollsOnce() async throws {
        let root = NSTemporaryDirectory() + "tollgate-plog-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        TollgateProcess.removeAtExit(root)
        let (process, admin, group) = try await Self.controlPlane(root)
        defer { group.shutdown() }
        _ = try await admin.call(.POST, "/restapis", json: ["name": "before"])

        // Between polls 1 and 2 two writes, between 2 and 3 none, between 3 and 4 one.
        let writesAfterPoll = [2, 0, 1]
        let sleeps = Mutex(0)
        let printed = Mutex("")
        let tools = AdminTools(client: admin)
        await tools.follow(since: 0, limit: 1000, interval: .milliseconds(10), maxPolls: 4,
                           sleep: { _ in
                               let index = sleeps.withLock { count in defer { count += 1 }; return count }
                               for n in 0..<(index < writesAfterPoll.count ? writesAfterPoll[index] : 0) {
                                   _ = try? await admin.call(.POST, "/restapis", json: ["name": "during-\(index)-\(n)"])
                               }
                           },
                           print: { text in printed.withLock { $0 += text } },
                           warn: { Issue.record("poll failed: \($0)") })
        #expect(sleeps.withLock { $0 } == 3, "no sleep after the last poll")
        let rows = printed.withLock { $0 }.split(separator: "\n").dropFirst()  // the header
        #expect(rows.count == 4, "\(printed.withLock { $0 })")
        let entries = try await admin.call(.GET, SnapshotPollContract.auditPath)["items"] as? [[String: Any]] ?? []
        let requestIds = entries.compactMap { $0["requestId"] as? String }
        #expect(requestIds.count == 4)
        // Each entry once, in the control plane's order.
        for (row, requestId) in zip(rows, requestIds) {
            #expect(row.hasSuffix("  " + requestId), "\(row) is not \(requestId)")
            #expect(row.contains("CreateRestApi"))
        }
        #expect(await process.stop() == 0)
    }

    @Test func theCommandTakesFollowWithItsBoundsAndRefusesThemAlone() throws {
        let known = AdminToolCommand.flags(for: "audit"), switches = AdminToolCommand.switches(for: "audit")
        let follow = try #require(try AdminToolCommand.followSettings(CommandOptions(["--follow", "--interval", "0.5", "--max-polls", "3"],
                                                                                         known: known, switches: switches)))
        #expect(follow.interval == .milliseconds(500) && follow.maxPolls == 3)
        #expect(try AdminToolCommand.followSettings(CommandOptions([], known: known, switches: switches)) == nil)
        #expect(throws: UsageError.self) { try AdminToolCommand.followSettings(CommandOptions(["--max-polls", "3"], known: known, switches: switches)) }
        #expect(throws: UsageError.self) {
            try AdminToolCommand.followSettings(CommandOptions(["--follow", "--max-polls", "0"], known: known, switches: switches))
        }
    }
}
