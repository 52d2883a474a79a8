/// Why a set of resource paths cannot form a REST API route tree. The snapshot compiler turns these
/// into `CompileError`s carrying Amazon API Gateway's messages.
package enum RouteTreeError: Error, Equatable, Sendable {
    /// A path continues below a greedy `{name+}` part (`parent` is the greedy part).
    case childOfGreedy(parent: String)
    /// Two different variable parts (`{a}` and `{b}` or `{b+}`) under one parent.
    case conflictingVariableSibling(existing: String, new: String)
    /// The same verb registered twice on one path.
    case duplicateMethod(path: String, method: String)
}
