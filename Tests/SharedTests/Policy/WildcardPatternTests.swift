import Testing
@testable import Shared

@Suite struct WildcardPatternTests {
    static func glob(_ pattern: String, _ text: String, fold: Bool = false, context: PolicyContext = PolicyContext()) -> Bool {
        WildcardPattern(pattern, wildcards: true, variables: true, foldsCase: fold).matches(Array(text.utf8)[...], context: context)
    }

    @Test(arguments: [
        ("*", "", true), ("*", "anything/at:all", true), ("", "", true), ("", "a", false),
        ("a*", "a", true), ("a*", "abc", true), ("a*", "ba", false), ("*c", "abc", true), ("*c", "abd", false),
        ("a?c", "abc", true), ("a?c", "ac", false), ("a?c", "abbc", false), ("???", "abc", true), ("???", "ab", false),
        ("a*b*c", "aXbYc", true), ("a*b*c", "aXcYb", false), ("*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", true),
        ("*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false), ("**", "x", true), ("a**b", "ab", true),
        ("é?", "éü", true), ("?", "ü", true), ("??", "ü", false), ("*ü", "aü", true),
    ])
    func matchesGlobs(pattern: String, text: String, expected: Bool) {
        #expect(Self.glob(pattern, text) == expected, "\(pattern) vs \(text)")
    }

    @Test func foldsASCIICaseOnlyWhenAsked() {
        #expect(Self.glob("execute-api:invoke", "EXECUTE-API:Invoke", fold: true))
        #expect(!Self.glob("execute-api:invoke", "EXECUTE-API:Invoke"))
        #expect(Self.glob("Execute-API:*", "execute-api:invalidatecache", fold: true))
    }

    @Test func starsAndQuestionMarksAreLiteralWithoutWildcards() {
        let literal = WildcardPattern("a*?", wildcards: false, variables: false)
        #expect(literal.matches(Array("a*?".utf8)[...], context: PolicyContext()))
        #expect(!literal.matches(Array("abc".utf8)[...], context: PolicyContext()))
    }

    @Test func substitutesPolicyVariablesAsLiteralText() {
        let context = PolicyContext(["aws:username": "a*"])
        #expect(Self.glob("home/${aws:username}/*", "home/a*/x", context: context))
        // The variable's `*` is a literal, not a wildcard.
        #expect(!Self.glob("home/${aws:username}/*", "home/abc/x", context: context))
        // Keys are case-insensitive, like condition keys.
        #expect(Self.glob("home/${AWS:UserName}", "home/a*", context: context))
    }

    @Test func unresolvableVariablesMatchNothingUnlessTheyHaveADefault() {
        #expect(!Self.glob("home/${aws:username}", "home/"))
        #expect(!Self.glob("*${aws:username}*", "anything"))
        #expect(Self.glob("home/${aws:username, 'guest'}", "home/guest"))
        var multi = PolicyContext()
        multi.set("aws:username", values: ["a", "b"])
        #expect(!Self.glob("${aws:username}", "a", context: multi))
    }

    @Test func escapesProduceLiteralSpecialCharacters() {
        #expect(Self.glob("a${*}b", "a*b"))
        #expect(!Self.glob("a${*}b", "aXb"))
        #expect(Self.glob("a${?}", "a?"))
        #expect(Self.glob("${$}x", "$x"))
        // An unterminated `${` is literal text.
        #expect(Self.glob("${abc", "${abc"))
    }

    @Test func variablesAreLiteralInLegacyDocuments() {
        let pattern = WildcardPattern("${aws:username}", wildcards: true, variables: false)
        #expect(pattern.matches(Array("${aws:username}".utf8)[...], context: PolicyContext(["aws:username": "bob"])))
    }

    @Test func splitsOnSeparatorsOutsideVariables() {
        let parts = WildcardPattern("arn:aws:${aws:username}:x:y:z:w", wildcards: true, variables: true).split(separator: UInt8(ascii: ":"), limit: 6)
        #expect(parts.count == 6)
        #expect(parts[2].variables.count == 1 && parts[2].elements.count == 1)
        #expect(parts[5].matches(Array("z:w".utf8)[...], context: PolicyContext()))
    }

    /// The worst pattern for naive recursive globbing stays within the quadratic bound.
    @Test func pathologicalPatternsFinishInQuadraticSteps() {
        let pattern = String(repeating: "*a", count: 200) + "b"
        let text = String(repeating: "a", count: 4_000)
        #expect(!Self.glob(pattern, text))
        #expect(Self.glob(pattern, text + "b"))
    }
}
