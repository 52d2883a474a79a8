/// What an HTTP API stage adds to its `CompiledStage` (`CompiledStage.httpApi`). Immutable; nil
/// on every REST stage.
package struct CompiledHttpStage: Sendable {
    /// Index in `CompiledStage.routes` of the `$default` route (the catch-all), nil without one.
    package let catchAllRoute: Int?
    /// Why the whole stage cannot be served yet (a setting the data plane does not enforce): every
    /// request to it answers 500 and the reason is logged; nil when it is served.
    package let refusal: String?

    package init(catchAllRoute: Int?, refusal: String? = nil) {
        self.catchAllRoute = catchAllRoute
        self.refusal = refusal
    }
}
