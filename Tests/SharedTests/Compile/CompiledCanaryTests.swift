import Testing
@testable import Shared

/// The canary split: which draws go to the canary, and the share a uniform source sends there.
@Suite struct CompiledCanaryTests {
    @Test(arguments: [
        (10.0, 0.0, true), (10.0, 0.0999, true), (10.0, 0.1, false), (10.0, 0.9999, false),
        (0.0, 0.0, false), (100.0, 0.99999, true), (50.0, 0.4999, true), (50.0, 0.5, false), (0.5, 0.00499, true), (0.5, 0.005, false),
    ])
    func drawBelowThePercentageGoesToTheCanary(percent: Double, draw: Double, canary: Bool) {
        let split = CompiledCanary(percentTraffic: percent, stage: Self.stage(canary: nil, isCanary: true))
        #expect(split.takes(draw: draw) == canary)
    }

    /// An evenly spaced source over [0, 1) (every k/n once) must give exactly `percent` % of n.
    @Test(arguments: [(10.0, 10_000, 1_000), (0.0, 1_000, 0), (100.0, 1_000, 1_000), (33.3, 1_000, 333), (2.5, 10_000, 250)])
    func evenlySpacedDrawsGiveTheExactShare(percent: Double, requests: Int, expected: Int) {
        let canary = Self.stage(canary: nil, isCanary: true)
        let stage = Self.stage(canary: CompiledCanary(percentTraffic: percent, stage: canary), isCanary: false)
        var served = 0
        for index in 0..<requests where stage.serving(draw: Double(index) / Double(requests)) === canary { served += 1 }
        #expect(served == expected)
    }

    @Test func stageWithoutCanaryNeverDraws() {
        let stage = Self.stage(canary: nil, isCanary: false)
        var drew = false
        #expect(stage.serving(draw: { drew = true; return 0 }()) === stage)
        #expect(!drew && stage.isCanaryRequest == nil && stage.withCanary.count == 1)
    }

    @Test func isCanaryRequestOnEitherSide() {
        let canary = Self.stage(canary: nil, isCanary: true)
        let stage = Self.stage(canary: CompiledCanary(percentTraffic: 10, stage: canary), isCanary: false)
        #expect(stage.isCanaryRequest == "false" && canary.isCanaryRequest == "true")
        #expect(stage.withCanary.count == 2)
    }

    static func stage(canary: CompiledCanary?, isCanary: Bool) -> CompiledStage {
        CompiledStage(restApiId: "a", apiName: "a", stageName: "prod", deploymentId: isCanary ? "c" : "m", router: RouterBuilder().build(),
                      routes: [], variables: [:], binaryMediaTypes: [], apiKeySource: "HEADER", defaultMethodSetting: nil,
                      tracingEnabled: false, executeApiEndpointDisabled: false, canary: canary, isCanary: isCanary)
    }
}
