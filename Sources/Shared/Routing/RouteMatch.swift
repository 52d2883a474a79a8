/// The result of a successful `Router.match`: which route won and the raw path-parameter values.
///
/// `parameterValues` follow the order of the variable parts along the matched resource path (the
/// same order as `CompiledRoute.pathParameterNames`). Values are slices of the request path and stay
/// percent-encoded, as Amazon API Gateway passes them.
package struct RouteMatch: Sendable, Equatable {
    /// Index of the route in the stage's route table (`CompiledStage.routes`).
    package let route: Int
    package let parameterValues: [Substring]

    package init(route: Int, parameterValues: [Substring]) {
        self.route = route
        self.parameterValues = parameterValues
    }
}
