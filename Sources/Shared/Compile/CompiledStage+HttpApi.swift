/// HTTP API routing on a compiled stage.
extension CompiledStage {
    /// The route for `method` + `path` (after the stage) by HTTP API rules: the most specific
    /// route, else the `$default` route (no path parameters), else nil → 404 Not Found.
    package func httpRoute(method: String, path: Substring) -> (route: CompiledRoute, match: RouteMatch)? {
        if let match = router.match(method: method, path: path) { return (routes[match.route], match) }
        guard let index = httpApi?.catchAllRoute else { return nil }
        return (routes[index], RouteMatch(route: index, parameterValues: []))
    }
}
