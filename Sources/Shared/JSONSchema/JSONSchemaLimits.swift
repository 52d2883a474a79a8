/// The bounds that keep compiling and validating finite and small, whatever the schema or the
/// body. Defaults suit API Gateway models and request bodies up to API Gateway's 10 MB.
package struct JSONSchemaLimits: Sendable, Equatable {
    /// Schemas nested in schemas, plus `$ref` hops, on one path from the root (compile time).
    package var maxSchemaDepth = 128
    /// Compiled schema nodes over all documents of one compilation.
    package var maxNodes = 10_000
    /// Documents (models) one compilation may load through the resolver.
    package var maxDocuments = 100
    /// Recursion while validating: one level per array item or object member entered and per
    /// `allOf`/`anyOf`/`oneOf`/`not`/dependency schema applied. Deeper is a violation, not a crash.
    package var maxValidationDepth = 256
    /// Violations kept per validation; the rest are counted as truncated.
    package var maxViolations = 10
    /// Regular-expression steps over one whole validation (every `pattern` and
    /// `patternProperties` search shares it); running out is a violation.
    package var regexStepBudget = 1_000_000
    /// Unicode scalars of an instance string or value quoted in a message before `…` cuts it.
    package var maxQuotedLength = 80

    package init() {}
}
