import Foundation
import Testing
@testable import Shared

@Suite struct SnapshotCodecTests {
    static func sample(revision: Int64 = 42) -> Snapshot {
        var stage = Stage(deploymentId: "dep123", stageName: "prod", createdDate: 1_700_000_000, lastUpdatedDate: 1_700_000_000)
        stage.variables = ["backend": "http://127.0.0.1:9/x"]
        let root = Resource(id: "root000001", parentId: nil, pathPart: nil, path: "/", resourceMethods: nil)
        let api = RestApi(id: "abcdefghij", name: "pets", createdDate: 1_700_000_000, rootResourceId: "root000001")
        return Snapshot(
            revision: revision,
            stages: [SnapshotStage(restApiId: api.id, stage: stage, deployment: DeploymentContent(api: api, resources: [root]))],
            apiKeys: [SnapshotApiKey(id: "key0000001", valueSHA256: String(repeating: "ab", count: 32), enabled: true)],
            usagePlans: [], account: Account(),
            nodes: [SnapshotNode(nodeId: "n1", gossipAddress: "127.0.0.1:7946", lastSeen: 1_700_000_000)])
    }

    @Test func roundTripsAndFillsTheChecksum() throws {
        let snapshot = Self.sample()
        let bytes = SnapshotCodec.encode(snapshot)
        let decoded = try SnapshotCodec.decode(bytes)
        #expect(decoded.checksum == SnapshotCodec.checksum(of: snapshot))
        #expect(decoded.checksum.count == 64)
        var expected = snapshot
        expected.checksum = decoded.checksum
        #expect(decoded == expected)
    }

    @Test func checksumIsHashOfCanonicalEncodingWithEmptyChecksum() throws {
        var snapshot = Self.sample()
        snapshot.checksum = "ignored"
        let bytes = SnapshotCodec.seal(&snapshot)
        var unsigned = snapshot
        unsigned.checksum = ""
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(snapshot.checksum == Digest.sha256Hex(try encoder.encode(unsigned)))
        // The spliced body is byte for byte what the encoder gives with the checksum filled in.
        #expect(bytes == Array(try encoder.encode(snapshot)))
    }

    @Test func encodingIsDeterministicAndIgnoresTheIncomingChecksum() {
        var other = Self.sample()
        other.checksum = "stale"
        #expect(SnapshotCodec.encode(Self.sample()) == SnapshotCodec.encode(other))
    }

    @Test func anyTamperedContentByteIsAMismatch() throws {
        let bytes = SnapshotCodec.encode(Self.sample())
        let text = String(decoding: bytes, as: UTF8.self)
        // Change the byte after each of these: the revision, a stage variable, a node's lastSeen.
        for prefix in ["\"revision\":", "\"backend\":\"http://", "\"lastSeen\":"] {
            let range = try #require(text.range(of: prefix))
            let offset = text.utf8.distance(from: text.startIndex, to: range.upperBound)
            var tampered = bytes
            tampered[offset] = tampered[offset] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
            #expect(throws: SnapshotCodecError.checksumMismatch) { try SnapshotCodec.decode(tampered) }
        }
    }

    @Test func alteredChecksumIsAMismatch() throws {
        var snapshot = Self.sample()
        var bytes = SnapshotCodec.seal(&snapshot)
        let text = String(decoding: bytes, as: UTF8.self)
        let range = try #require(text.range(of: snapshot.checksum))
        let offset = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
        bytes[offset] = bytes[offset] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        #expect(throws: SnapshotCodecError.checksumMismatch) { try SnapshotCodec.decode(bytes) }
    }

    @Test func reindentedBodyIsAMismatch() throws {
        let bytes = SnapshotCodec.encode(Self.sample())
        let object = try JSONSerialization.jsonObject(with: Data(bytes))
        let pretty = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        #expect(throws: SnapshotCodecError.checksumMismatch) { try SnapshotCodec.decode(Array(pretty)) }
    }

    @Test func otherSchemaVersionIsUnsupportedEvenWithAValidChecksum() throws {
        var snapshot = Self.sample()
        snapshot.schemaVersion = Snapshot.currentSchemaVersion + 1
        #expect(throws: SnapshotCodecError.unsupportedSchema(Snapshot.currentSchemaVersion + 1)) {
            try SnapshotCodec.decode(SnapshotCodec.encode(snapshot))
        }
    }

    @Test(arguments: [
        "", "[]", "null", "{", "{}", "{\"schemaVersion\":1}", "{\"schemaVersion\":\"1\",\"checksum\":\"\"}",
        "{\"checksum\":\"abc\",\"schemaVersion\":1}", "{\"checksum\":1,\"schemaVersion\":1}",
        "{\"checksum\":\"\(String(repeating: "0", count: 64))\" \"schemaVersion\":1}",
    ])
    func refusesMalformedBodies(_ body: String) {
        #expect {
            try SnapshotCodec.decode(Array(body.utf8))
        } throws: { error in
            if case .malformed = error as? SnapshotCodecError { return true }
            return false
        }
    }

    @Test func refusesABodyWithAValidChecksumThatIsNotASnapshot() {
        let unsigned = "{\"checksum\":\"\",\"schemaVersion\":1}"
        let body = "{\"checksum\":\"\(Digest.sha256Hex(unsigned.utf8))\",\"schemaVersion\":1}"
        #expect {
            try SnapshotCodec.decode(Array(body.utf8))
        } throws: { error in
            guard case .malformed(let reason) = error as? SnapshotCodecError else { return false }
            return !reason.isEmpty
        }
    }

    @Test func usagePlanQuotaAnchorsSurviveTheRoundTrip() throws {
        var snapshot = Self.sample()
        let plan = UsagePlan(id: "plan01", name: "gold", quota: QuotaSettings(limit: 10, offset: 4, period: "DAY"))
        snapshot.usagePlans = [SnapshotUsagePlan(plan: plan, keyIds: ["key0000001"], quotaAnchorEpochSeconds: 1_700_000_123),
                               SnapshotUsagePlan(plan: UsagePlan(id: "plan02", name: "free"), keyIds: [])]
        let bytes = SnapshotCodec.encode(snapshot)
        #expect(String(decoding: bytes, as: UTF8.self).contains(#""quotaAnchorEpochSeconds":1700000123"#))
        let decoded = try SnapshotCodec.decode(bytes)
        #expect(decoded.usagePlans.map(\.quotaAnchorEpochSeconds) == [1_700_000_123, nil])
        snapshot.checksum = decoded.checksum
        #expect(decoded == snapshot)
    }

    @Test func usagePlansFromBeforeQuotaAnchorsStillDecode() throws {
        // A plan entry as older control planes wrote it: no anchor member.
        let old = #"{"keyIds":["k1"],"plan":{"apiStages":[],"id":"p1","name":"n","quota":{"limit":10,"offset":4,"period":"DAY"}},"strictQuota":true}"#
        let entry = try JSONDecoder().decode(SnapshotUsagePlan.self, from: Data(old.utf8))
        #expect(entry.quotaAnchorEpochSeconds == nil && entry.plan.quota?.offset == 4)
        // Without an anchor the member is left out, so such snapshots encode (and hash) as before.
        var snapshot = Self.sample()
        snapshot.usagePlans = [entry]
        let bytes = SnapshotCodec.encode(snapshot)
        #expect(!String(decoding: bytes, as: UTF8.self).contains("quotaAnchorEpochSeconds"))
        #expect(String(decoding: bytes, as: UTF8.self).contains(old))
        #expect(try SnapshotCodec.decode(bytes).usagePlans == [entry])
    }

    @Test func errorsHaveOneLineMessages() {
        #expect(SnapshotCodecError.checksumMismatch.message == "snapshot checksum mismatch")
        #expect(SnapshotCodecError.unsupportedSchema(9).message.contains("9"))
    }
}
