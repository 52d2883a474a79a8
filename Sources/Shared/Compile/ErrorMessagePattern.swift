/// A `selectionPattern` of a Lambda custom (AWS non-proxy) integration, compiled once per
/// snapshot: a whole-match regex over the function error's `errorMessage` (the empty string for a
/// successful invocation, so `.+` selects errors only, as AWS documents).
///
/// `Regex` is not declared `Sendable`. Safe: the regex is immutable once built; its lazily lowered
/// program is initialised with an atomic compare-and-swap in the string-processing library, and it
/// is forced here (one match at compile time, off the event loops) so requests only read it.
package struct ErrorMessagePattern: @unchecked Sendable, Equatable {
    /// The pattern as written.
    package let source: String
    private let regex: Regex<AnyRegexOutput>

    /// Nil when `source` is not a valid regex.
    package init?(_ source: String) {
        guard let regex = try? Regex(source) else { return nil }
        self.source = source
        self.regex = regex
        _ = try? regex.wholeMatch(in: "")
    }

    /// Whether the pattern matches all of `message` (Java's `String.matches`, what AWS runs).
    package func matches(_ message: String) -> Bool {
        (try? regex.wholeMatch(in: message)) != nil
    }

    package static func == (lhs: ErrorMessagePattern, rhs: ErrorMessagePattern) -> Bool { lhs.source == rhs.source }
}
