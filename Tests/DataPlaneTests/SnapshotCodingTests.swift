import Foundation
import Testing
@testable import Shared

@Suite struct SnapshotCodingTests {
    @Test func snapshotRoundTripsThroughJSON() throws {
        let snapshot = Snapshot(revision: 7, stages: [], apiKeys: [SnapshotApiKey(id: "k1", valueSHA256: "ab", enabled: true)],
                                usagePlans: [], account: Account(), nodes: [])
        let decoded = try JSONDecoder().decode(Snapshot.self, from: JSONEncoder().encode(snapshot))
        #expect(decoded == snapshot)
        #expect(decoded.account.throttleSettings.rateLimit == 10000)
    }
}
