import Testing
@testable import Shared

/// The Java regex subset: matching, replacement with groups, splitting, refusals and the step
/// budget that stops catastrophic backtracking.
@Suite struct VTLRegexTests {
    static let cases: [VTLCase] = [
        VTLCase("#set($s = 'The Quick fox')$s.replaceAll('(?:[A-Z])\\w+', 'X') $s.replaceAll('\\s+', '_') $s.replaceAll('^The|fox$', '')",
                "X X fox The_Quick_fox  Quick "),
        VTLCase("#set($s = 'aaa')$s.replaceAll('a*', 'X') $s.replaceAll('a*?', '-') $s.replaceAll('a{2}', 'b')", "XX -a-a-a- ba"),
        VTLCase("#set($s = 'x1y22')$s.replaceAll('\\d', '<$0>') $s.replaceAll('(\\d)+', '[$1]') $s.replaceAll('\\d', '\\$')",
                "x<1>y<2><2> x[1]y[2] x$y$$"),
        VTLCase("#set($s = 'one two  three')$s.split(' ') $s.split('\\s+') $s.split('') $s.split('o')", "[one, two, , three] [one, two, three] [o, n, e,  , t, w, o,  ,  , t, h, r, e, e] [, ne tw,   three]"),
        VTLCase("#set($s = 'a-b_c')$s.matches('[a-c][-_][^x]_\\w') $s.matches('a.*') $s.matches('b.*') $s.matches('(a|b)-(b|c)_c')", "true true false true"),
        VTLCase("#set($s = 'word, other')$s.replaceAll('\\bo', 'O') $s.replaceAll('\\Qd, o\\E', '+')", "word, Other wor+ther"),
        VTLCase("#set($s = 'tab\there')$s.replaceAll('\\t', ' ') $s.replaceAll('[\\x74]', 'T') $s.replaceAll('\\u0061', 'A')", "tab here Tab\there tAb\there"),
    ]

    @Test(arguments: cases) func behavesAsJavaRegex(row: VTLCase) throws {
        #expect(try VTL.render(row.template) == row.expected)
    }

    @Test(arguments: ["(", "[a", "a{2,1}", "*a", "(?=a)", "\\1", "a++", "\\p{L}", "[a&&b]"])
    func refusesSyntaxOutsideTheSubset(pattern: String) throws {
        #expect(throws: VTLRegex.SyntaxError.self) { try VTLRegex(pattern) }
        let error = try VTL.runtimeError("#set($p = '\(pattern)')$s.matches($p)", ["s": .string("a")])
        guard case .methodFailed? = error?.kind else { Issue.record("no failure for \(pattern)"); return }
    }

    @Test func aBadReplacementIsAnError() throws {
        let error = try VTL.runtimeError("$s.replaceAll('a', '$')", ["s": .string("a")])
        guard case .methodFailed? = error?.kind else { Issue.record("no failure"); return }
    }

    @Test func catastrophicBacktrackingRunsOutOfStepsInsteadOfHanging() throws {
        let error = try VTL.runtimeError("$s.matches('(a|a)*b')", ["s": .string(String(repeating: "a", count: 40))],
                                         limits: VTLLimits(maxSteps: 200_000))
        #expect(error?.kind == .stepLimitExceeded(200_000))
    }

    @Test func longInputsWithSingleCharacterRepeatsDoNotRecurse() throws {
        let long = String(repeating: "ab ", count: 50_000)
        #expect(try VTL.render("$s.replaceAll('\\s+', '').length()", ["s": .string(long)]) == "100000")
    }
}
