extension CompiledPolicy {
    /// Whether any statement has a condition: only then does a caller need to build the request's
    /// condition keys (`PolicyContext`) before evaluating (a Lambda authorizer's cached policy is
    /// evaluated per request).
    package var usesConditions: Bool { statements.contains { !$0.conditions.isEmpty } }
}
