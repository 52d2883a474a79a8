import Testing
@testable import Shared

@Suite struct DemandMeterTests {
    private let second: UInt64 = 1_000_000_000

    @Test func convergesToTheOfferedRate() {
        var meter = DemandMeter()
        let key = LimiterKey.account
        for index in 0..<500 { meter.record(key, now: UInt64(index) * second / 100) } // 100/s for 5 s
        let rate = meter.rate(key, now: 5 * second)
        #expect(abs(rate - 100) < 5)
    }

    @Test func decaysAndForgetsIdleKeys() {
        var meter = DemandMeter()
        let key = LimiterKey.stage(apiId: "a", stage: "s")
        for index in 0..<100 { meter.record(key, now: UInt64(index) * second / 100) }
        #expect(meter.report(now: second).map(\.fingerprint) == [key.fingerprint])
        #expect(meter.rate(key, now: 3 * second) < meter.rate(key, now: 2 * second))
        #expect(meter.report(now: 60 * second).isEmpty)
        #expect(meter.count == 0)
    }

    @Test func proportionalTrafficGivesProportionalEstimatesFromTheStart() {
        var heavy = DemandMeter(), light = DemandMeter()
        for index in 0..<70 { heavy.record(.account, now: UInt64(index) * second / 700) }
        for index in 0..<10 { light.record(.account, now: UInt64(index) * second / 100) }
        let ratio = heavy.rate(.account, now: second / 10) / light.rate(.account, now: second / 10)
        #expect(abs(ratio - 7) < 0.5)
    }
}
