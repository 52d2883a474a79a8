/// An ECMA 262 regular expression, compiled once, searched (unanchored, as JSON Schema's
/// `pattern` requires) without Foundation and with a step budget.
///
/// Our own engine rather than `NSRegularExpression`: ICU's syntax differs from ECMA 262 (`\w`,
/// `\d`, `\s`, `$` before a final newline, `\cX`), Foundation is kept off the data-plane hot path,
/// and a backtracking search is bounded here by `stepBudget` so that no pattern (`(a+)+$`) can
/// hold an event loop: when the budget runs out the outcome is `.budgetExceeded`, which callers
/// treat as a failed match. Matching works on Unicode scalars (ES2015 `u`-mode semantics).
package struct ECMARegex: Sendable {
    /// What a search found.
    package enum Outcome: Equatable, Sendable { case match, noMatch, budgetExceeded }

    /// Instructions executed per search before giving up; a 1 KiB string against an ordinary
    /// pattern needs a few thousand.
    package static let defaultStepBudget = 1_000_000

    package let source: String
    let program: ECMARegexProgram

    /// Parses and compiles `source`; throws when the engine does not accept it.
    package init(_ source: String) throws(ECMARegexError) {
        let (node, groups, backreferences) = try ECMARegexParser.parse(source)
        if backreferences { try Self.checkBackreferences(node, groups: groups) }
        self.source = source
        self.program = try ECMARegexProgram.compile(node, groups: groups, captures: backreferences)
    }

    /// Whether the pattern matches anywhere in `text`, within `stepBudget` steps.
    package func search(_ text: String, stepBudget: Int = ECMARegex.defaultStepBudget) -> Outcome {
        var budget = stepBudget
        return search(text, budget: &budget)
    }

    /// The same, spending from a budget shared with other searches (one validation's).
    package func search(_ text: String, budget: inout Int) -> Outcome {
        var matcher = ECMARegexMatcher()
        return search(text, budget: &budget, matcher: &matcher)
    }

    /// The same, reusing `matcher`'s buffers (the validator keeps one per validation).
    package func search(_ text: String, budget: inout Int, matcher: inout ECMARegexMatcher) -> Outcome {
        matcher.search(program, in: text.unicodeScalars, budget: &budget)
    }

    private static func checkBackreferences(_ node: ECMARegexNode, groups: Int) throws(ECMARegexError) {
        switch node {
        case .backreference(let n) where n < 1 || n > groups:
            throw ECMARegexError(offset: 0, reason: "backreference \\\(n) to a group that does not exist")
        case .concat(let items), .alternate(let items):
            for item in items { try checkBackreferences(item, groups: groups) }
        case .group(let body, _), .repetition(let body, _, _, _), .lookahead(let body, _):
            try checkBackreferences(body, groups: groups)
        default: break
        }
    }
}
