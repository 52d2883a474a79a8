import Foundation
import Testing
@testable import Shared

@Suite struct DemandEstimateTests {
    private let second: UInt64 = 1_000_000_000

    private func estimate(rate perSecond: UInt64, for seconds: UInt64, tau: UInt64 = 1_000_000_000) -> DemandEstimate {
        var estimate = DemandEstimate(firstRequestAt: 0, tauNanos: tau)
        for index in 1..<(perSecond * seconds) { estimate.record(now: index * second / perSecond, tauNanos: tau) }
        return estimate
    }

    @Test func convergesToTheOfferedRate() {
        let rate = estimate(rate: 100, for: 5).rate(at: 5 * second, tauNanos: second)
        #expect(abs(rate - 100) < 5)
    }

    @Test func decaysWithTimeAndIgnoresTimeRunningBackwards() {
        let estimate = estimate(rate: 100, for: 1)
        #expect(estimate.rate(at: 3 * second, tauNanos: second) < estimate.rate(at: 2 * second, tauNanos: second))
        #expect(estimate.rate(at: 0, tauNanos: second) == estimate.rate)
        #expect(estimate.sinceNanos == 0)
    }

    @Test func proportionalTrafficGivesProportionalEstimatesFromTheStart() {
        var heavy = DemandEstimate(firstRequestAt: 0, tauNanos: second), light = DemandEstimate(firstRequestAt: 0, tauNanos: second)
        for index in 1..<70 { heavy.record(now: UInt64(index) * second / 700, tauNanos: second) }
        for index in 1..<10 { light.record(now: UInt64(index) * second / 100, tauNanos: second) }
        let ratio = heavy.rate(at: second / 10, tauNanos: second) / light.rate(at: second / 10, tauNanos: second)
        #expect(abs(ratio - 7) < 0.5)
    }

    @Test(arguments: [0.0, 1e-9, 1e-6, 1e-3, 0.009_999, 0.01, 0.5, 3, 40])
    func decayMatchesExpWithinOnePartInTenMillion(x: Double) {
        #expect(abs(DemandEstimate.decay(x) - exp(-x)) <= 1e-7 * exp(-x))
    }
}
