/// One compiled statement of a policy: effect, principal, action, resource and conditions.
///
/// A statement applies to a request when every element matches: the principal (resource and
/// authorizer policies; `NotPrincipal` inverts), one `Action` pattern (`NotAction`: none), one
/// `Resource` pattern (`NotResource`: none), and every condition (operators and their keys are
/// AND'ed). Cheap checks run first and the conditions last. Immutable; built by `PolicyCompiler`.
package struct PolicyStatement: Sendable, Equatable {
    package enum Effect: Sendable, Equatable { case allow, deny }

    package let sid: String?
    package let effect: Effect
    /// nil when the statement names no principal (identity and most authorizer policies).
    let principal: PrincipalMatcher?
    let principalNegated: Bool
    /// Lower-cased, case-folding patterns.
    let actions: [WildcardPattern]
    let actionsNegated: Bool
    let resources: [ARNPattern]
    let resourcesNegated: Bool
    let conditions: [PolicyCondition]

    /// Whether this statement applies to `request`.
    package func applies(to request: PolicyRequest) -> Bool {
        if let principal, principal.matches(request) == principalNegated { return false }
        let action = request.action[...]
        let actionMatches = actions.contains { $0.matchesEverything || $0.matches(action, context: request.context) }
        guard actionMatches != actionsNegated else { return false }
        let resource = request.resource[...]
        let resourceMatches = resources.contains { $0.matches(resource, segmentStarts: request.resourceSegmentStarts, context: request.context) }
        guard resourceMatches != resourcesNegated else { return false }
        return conditions.allSatisfy { $0.holds(in: request.context) }
    }
}
