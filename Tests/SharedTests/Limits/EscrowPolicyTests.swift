import Testing
@testable import Shared

@Suite struct EscrowPolicyTests {
    let policy = EscrowPolicy()

    /// Rounding a busy donor's half down kept its last right from a node whose requests wait for
    /// it until the donor fell idle (a second later).
    @Test(arguments: [(1, 1), (2, 1), (3, 2), (10, 5), (0, 0), (-2, 0)])
    func aBusyDonorGivesHalfRoundedUpSoItsLastRightMovesToo(holding: Int64, grants: UInt64) {
        #expect(policy.grantable(holding: holding, active: true) == grants)
    }

    @Test func anIdleDonorGivesEverything() {
        #expect(policy.grantable(holding: 7, active: false) == 7)
    }

    @Test func aNodeAsksBelowHalfAChunkForWhatRefillsIt() {
        #expect(policy.chunk(remaining: 600, members: 3) == 100)
        #expect(policy.want(holding: 60, chunk: 100) == nil)
        #expect(policy.want(holding: 40, chunk: 100) == 60)
        #expect(policy.want(holding: 0, chunk: 1) == 1)
    }
}
