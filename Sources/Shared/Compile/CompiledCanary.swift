/// A stage's canary, compiled: the canary deployment's routes as a stage of their own (variables
/// overlaid by `stageVariableOverrides`, `isCanary` set) and the share of requests it serves.
///
/// Immutable; the split is made per request by `CompiledStage.serving(draw:)`.
package struct CompiledCanary: Sendable {
    /// 0...100, as `canarySettings.percentTraffic`.
    package let percentTraffic: Double
    package let stage: CompiledStage

    package init(percentTraffic: Double, stage: CompiledStage) {
        self.percentTraffic = percentTraffic
        self.stage = stage
    }

    /// Whether a request whose uniform draw in [0, 1) is `draw` goes to the canary: exactly
    /// `percentTraffic` % of the unit interval, so a uniform source gives that share on average.
    package func takes(draw: Double) -> Bool {
        draw * 100 < percentTraffic
    }
}
