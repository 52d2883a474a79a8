import Testing
@testable import Shared

/// The ECMA 262 engine: unanchored search semantics, the escapes and classes JSON Schema
/// patterns use, refusals, and the step budget; plus a property test over random literals.
@Suite struct ECMARegexTests {
    static let cases: [(pattern: String, input: String, matches: Bool)] = [
        ("a+", "xxaayy", true), ("^a*$", "aaa", true), ("^a*$", "abc", false), ("", "anything", true),
        ("^abc$", "abc\n", false), ("^abc$", "abc", true), ("abc$", "xabc", true),
        ("^\\d{3}-\\d{4}$", "555-1234", true), ("^\\d{3}-\\d{4}$", "555-12345", false), ("^\\d$", "\u{07C0}", false),
        ("^\\w+$", "snake_case9", true), ("^\\w$", "é", false), ("^\\W$", "é", true),
        ("^\\s$", "\u{FEFF}", true), ("^\\s$", "\u{2003}", true), ("^\\S$", "\u{2013}", true),
        ("^[a-z0-9-]{3,63}$", "my-bucket-1", true), ("^[a-z0-9-]{3,63}$", "My-Bucket", false), ("^[^@]+@[^@]+$", "a@b", true),
        ("^[\\d.]+$", "1.2.3", true), ("[\\b]", "\u{08}", true), ("^[\\-a]+$", "-a-", true), ("^[a-]+$", "a-", true),
        ("^(cat|dog)s?$", "dogs", true), ("^(cat|dog)s?$", "cow", false), ("^(?:ab)+$", "ababab", true), ("^(?:ab)+$", "aba", false),
        ("^a{2}$", "aa", true), ("^a{2}$", "aaa", false), ("^a{2,}$", "aaaa", true), ("^a{2,3}$", "aaaa", false), ("^a{,2}$", "a{,2}", true),
        ("^x*?y$", "xxy", true), ("^(a|ab)(c|bcd)(d*)$", "abcd", true),
        ("^\\p{Letter}+$", "Été", true), ("^\\p{L}+$", "a1", false), ("^\\p{Lu}", "Éa", true), ("^\\P{Lu}", "Éa", false),
        ("^\\p{digit}+$", "\u{09EA}\u{09E8}", true), ("^\\p{Nd}$", "x", false),
        ("^\\cC$", "\u{03}", true), ("^\\t$", "\t", true), ("^\\x41\\u0042\\u{43}$", "ABC", true), ("^\\uD83D\\uDC32$", "🐲", true),
        ("^🐲*$", "🐲🐲", true), ("^🐲*$", "🐉", false), ("^.$", "🐲", true), ("^.$", "\n", false),
        ("\\bfoo\\b", "a foo b", true), ("\\bfoo\\b", "afoob", false), ("\\Bfoo", "afoo", true),
        ("^(?=.*[A-Z])(?=.*\\d).{8,}$", "Passw0rdX", true), ("^(?=.*[A-Z])(?=.*\\d).{8,}$", "password1", false),
        ("^(?!admin$).+$", "admin", false), ("^(?!admin$).+$", "admins", true),
        ("^(a)\\1$", "aa", true), ("^(a)\\1$", "ab", false), ("^(?<x>[ab])\\k<x>$", "bb", true), ("^(a)?b\\1$", "b", true),
        ("^(a*)*$", "aaaa", true), ("^(a*)*b$", "aaac", false), ("^(a|)+$", "aaa", true),
        ("^\\$\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\\\\\/$", "$.*+?()[]{}|\\/", true), ("a{", "xa{", true), ("^}$", "}", true), ("^]$", "]", true),
    ]

    @Test(arguments: cases)
    func searchesLikeECMAScript(pattern: String, input: String, matches: Bool) throws {
        let regex = try ECMARegex(pattern)
        #expect(regex.search(input) == (matches ? .match : .noMatch))
    }

    @Test(arguments: [
        ("(", "unterminated group at offset 1"), (")", "unmatched ')' at offset 0"), ("[a", "unterminated character class at offset 2"),
        ("*a", "nothing to repeat at offset 0"), ("a**", "nothing to repeat at offset 2"), ("^*", "nothing to repeat at offset 1"),
        ("a{3,2}", "numbers out of order in {} quantifier at offset 6"), ("[z-a]", "range out of order in character class at offset 4"),
        ("(?<=a)", "lookbehind is not supported at offset 0"), ("\\p{Klingon}", "unknown Unicode property 'Klingon' at offset 10"),
        ("(a)\\2", "backreference \\2 to a group that does not exist at offset 0"), ("a{1001}", "repetition count above 1000 at offset 7"),
        ("(?P<n>a)", "invalid group at offset 1"), ("\\", "\\ at end of pattern at offset 1"),
    ])
    func refusesPatternItCannotRunAsECMAScriptDoes(pattern: String, reason: String) {
        #expect(throws: ECMARegexError.self) { try ECMARegex(pattern) }
        do { _ = try ECMARegex(pattern) } catch { #expect(error.description == reason) }
    }

    @Test func refusesPatternThatUnrollsPastTheProgramLimit() {
        #expect(throws: ECMARegexError.self) { try ECMARegex("(((a{100}){100}){100})") }
    }

    @Test func stopsAtTheStepBudgetOnCatastrophicBacktracking() throws {
        let regex = try ECMARegex("^(a+)+$")
        var budget = 10_000
        #expect(regex.search(String(repeating: "a", count: 30) + "!", budget: &budget) == .budgetExceeded)
        #expect(budget == 0)
        var plenty = 10_000
        #expect(regex.search("aaaa", budget: &plenty) == .match)
        #expect(plenty > 0 && plenty < 10_000)
    }

    @Test func matchesLongInputWithoutDeepRecursion() throws {
        let regex = try ECMARegex("^(?:ab|c)*$")
        #expect(regex.search(String(repeating: "abc", count: 20_000), stepBudget: 10_000_000) == .match)
    }

    /// Property: any string, escaped as a literal, matches itself anchored and unanchored, and
    /// not a longer string when anchored at both ends.
    @Test func matchesEveryEscapedLiteralExactly() throws {
        var generator = SeededGenerator(seed: 42)
        let alphabet = Array("ab.*+?()[]{}|^$\\/-é😀 \t\n").map(String.init)
        for _ in 0..<500 {
            let length = Int.random(in: 0...12, using: &generator)
            let text = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            let escaped = text.unicodeScalars.map { scalar -> String in
                "\\^$.*+?()[]{}|/-".unicodeScalars.contains(scalar) ? "\\" + String(scalar) : scalar == "\n" ? "\\n" : scalar == "\t" ? "\\t" : String(scalar)
            }.joined()
            let anchored = try ECMARegex("^" + escaped + "$")
            #expect(anchored.search(text) == .match, "\(escaped)")
            #expect(anchored.search(text + "x") == .noMatch, "\(escaped)")
            #expect(try ECMARegex(escaped).search("zz" + text + "zz") == .match, "\(escaped)")
        }
    }

    /// Property: random pattern text either compiles or is refused with an error; compiled ones
    /// search random input and always finish within the budget.
    @Test func neverCrashesOnRandomPatterns() {
        var generator = SeededGenerator(seed: 7)
        let pieces = ["a", "b", "(", ")", "[", "]", "^", "$", "*", "+", "?", "{2}", "{1,3}", "|", "\\d", "\\w", "\\b", ".", "(?:", "(?=", "(?!", "\\1", "-", "\\p{L}", "{", "}", "\\u00e9", "\\c"]
        var compiled = 0
        for _ in 0..<2_000 {
            let pattern = (0..<Int.random(in: 1...10, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            guard let regex = try? ECMARegex(pattern) else { continue }
            compiled += 1
            let input = (0..<Int.random(in: 0...20, using: &generator)).map { _ in ["a", "b", "1", " ", "é"].randomElement(using: &generator)! }.joined()
            var budget = 100_000
            _ = regex.search(input, budget: &budget)
            #expect(budget >= 0)
        }
        #expect(compiled > 100)
    }
}
