/// A compiled `Resource` / `NotResource` entry (or `ArnLike` value): `*`, or an ARN with wildcards.
///
/// IAM's rules ("IAM JSON policy elements: Resource", *Using wildcards in resource ARNs*): an ARN
/// is `arn:partition:service:region:account:resource`; wildcards work within each colon-separated
/// segment and do not cross a colon there, except that a `*` ending the pattern's last segment
/// expands across the colons that follow (`arn:aws:execute-api:us-east-1:*` covers every API of
/// that region). The resource segment is everything after the fifth colon and is matched as one
/// string, so a `*` in it crosses `/` and `:` — for execute-api,
/// `arn:aws:execute-api:*:*:abc123/*` covers every stage, method and path of API `abc123`, and
/// `…/prod/*/pets/*` every method on every path below `pets`. Matching is case-sensitive.
package struct ARNPattern: Sendable, Equatable {
    /// The pattern's colon-separated parts, at most six (the sixth keeps later colons).
    let segments: [WildcardPattern]
    let matchesEverything: Bool

    /// Whether a segment holds a `${…}` policy variable (resolved from the request's context).
    var usesVariables: Bool { segments.contains { !$0.variables.isEmpty } }

    /// Compiles `text` (a `*`, or an ARN pattern); `variables` enables `${…}` (2012-10-17 documents).
    package init(_ text: String, variables: Bool) {
        let whole = WildcardPattern(text, wildcards: true, variables: variables)
        matchesEverything = whole.matchesEverything
        segments = whole.split(separator: UInt8(ascii: ":"), limit: 6)
    }

    /// The start index of each of an ARN's segments (up to six: five colons), computed once per
    /// text so a request's resource is scanned once for all of a policy's patterns.
    package static func segmentStarts(_ text: ArraySlice<UInt8>) -> [Int] {
        var bounds: [Int] = [text.startIndex]
        bounds.reserveCapacity(6)
        var index = text.startIndex
        while index < text.endIndex, bounds.count < 6 {
            if text[index] == UInt8(ascii: ":") { bounds.append(index + 1) }
            index += 1
        }
        return bounds
    }

    /// Whether the ARN `text` is covered, variables resolved from `context`.
    package func matches(_ text: ArraySlice<UInt8>, context: PolicyContext) -> Bool {
        if matchesEverything { return true }
        return matches(text, segmentStarts: Self.segmentStarts(text), context: context)
    }

    /// `matches` with the text's `segmentStarts` already computed.
    package func matches(_ text: ArraySlice<UInt8>, segmentStarts bounds: [Int], context: PolicyContext) -> Bool {
        if matchesEverything { return true }
        let arnSegments = bounds.count
        for (position, pattern) in segments.enumerated() {
            let isLastPattern = position == segments.count - 1
            guard position < arnSegments else { return false }
            let start = bounds[position]
            if isLastPattern && (position == 5 || pattern.endsWithStar) {
                // The resource segment, or a trailing `*` that spans the rest of the ARN.
                return pattern.matches(text[start...], context: context)
            }
            let end = position + 1 < arnSegments ? bounds[position + 1] - 1 : text.endIndex
            guard pattern.matches(text[start..<end], context: context) else { return false }
            if isLastPattern { return position + 1 == arnSegments }
        }
        return false
    }

    /// Whether `text` is a `*` or has the `arn:` shape IAM accepts for a resource: `arn`, a
    /// partition and a service, then either all six parts or fewer without an empty one
    /// (`arn:aws:execute-api:*` is accepted, `arn:aws::*` is not — IAM's legacy parser, as moto
    /// reproduces it); the compile-time check behind `Resource … must be in ARN format or "*".`
    static func isWellFormed(_ text: String) -> Bool {
        if text == "*" { return true }
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[0] == "arn", !parts[2].isEmpty else { return false }
        return parts.count == 6 || !text.contains("::")
    }
}
