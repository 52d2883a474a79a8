/// The bounds a policy document must fit, which also bound the work of one evaluation.
///
/// An evaluation visits each statement once; per statement it matches the action against each
/// action pattern, the resource against each resource pattern and each context value against each
/// condition value. Each match costs at most (pattern bytes + 1) × (text bytes + 1) steps
/// (`WildcardPattern`), so with these limits the worst case is bounded by the document's size times
/// the longest text (the method ARN, at most 1600 bytes on AWS, or a context value, bounded by the
/// HTTP head limits). AWS's own limits are smaller (IAM: 2,048 characters for a user's inline
/// policies, 6,144 for a managed policy; API Gateway: 8 KiB of resource policy): these defaults
/// admit every document AWS admits.
package struct PolicyLimits: Sendable, Equatable {
    /// Largest document in bytes.
    package var maxDocumentBytes = 65_536
    /// Most statements in one document.
    package var maxStatements = 512
    /// Most entries in one `Action`, `Resource`, principal list or condition key's values.
    package var maxValuesPerElement = 1_024
    /// Longest single pattern or condition value, in bytes.
    package var maxPatternBytes = 4_096

    package init() {}

    package static let `default` = PolicyLimits()
}
