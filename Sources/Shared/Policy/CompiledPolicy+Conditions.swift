extension CompiledPolicy {
    /// Whether evaluating needs the request's keys (`PolicyContext`): a statement with a condition,
    /// or a policy variable (`${aws:SourceIp}`, …) in a `Resource`/`NotResource`. Only then does a
    /// caller build the context before evaluating (a Lambda authorizer's cached policy is evaluated
    /// per request); without it a variable would resolve to nothing, and a `Deny` naming one would
    /// never match.
    package var needsContext: Bool {
        statements.contains { statement in
            !statement.conditions.isEmpty || statement.resources.contains(where: \.usesVariables)
        }
    }
}
