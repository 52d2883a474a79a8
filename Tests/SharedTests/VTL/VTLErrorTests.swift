import Testing
@testable import Shared

/// Compile errors and runtime errors carry the position of the construct, and every limit stops
/// an evaluation with its own typed error.
@Suite struct VTLErrorTests {
    static let compileErrors: [(String, VTLCompileError.Kind, Int, Int)] = [
        ("ok\n#if(true)\nno end", .missingEnd("#if"), 2, 1),
        ("#foreach($x in [1])", .missingEnd("#foreach"), 1, 1),
        ("text #end", .unexpectedDirective("#end"), 1, 6),
        ("a\n  #else", .unexpectedDirective("#else"), 2, 3),
        ("#set($a 1)", .malformedDirective("#set expects '='"), 1, 9),
        ("#set(a = 1)", .malformedDirective("#set expects a reference"), 1, 6),
        ("#if", .malformedDirective("#if expects '('"), 1, 4),
        ("#foreach($x on $l)#end", .malformedDirective("#foreach expects 'in'"), 1, 13),
        ("x #* never closed", .unterminatedComment, 1, 3),
        ("#[[ raw", .unterminatedUnparsedBlock, 1, 1),
        ("#set($a = 'open)", .unterminatedString, 1, 11),
        ("é ${name", .unterminatedReference, 1, 3),
        ("#set($a = 1 +)", .invalidExpression("unexpected ')'"), 1, 14),
        ("$a.b(1 2)", .invalidExpression("expected ',' or ')'"), 1, 8),
    ]

    @Test(arguments: compileErrors) func compileErrorsPointAtTheConstruct(template: String, kind: VTLCompileError.Kind, line: Int, column: Int) {
        let error = VTL.compileError(template)
        #expect(error?.kind == kind)
        #expect(error?.position == VTLPosition(line: line, column: column))
    }

    @Test func tooLargeAndTooDeepTemplatesAreRefused() {
        #expect(VTL.compileError(String(repeating: "x", count: 300 * 1024 + 1))?.kind == .templateTooLarge)
        #expect(VTL.compileError(String(repeating: "#if(true)", count: 500))?.kind == .nestingTooDeep)
        #expect(VTL.compileError("#set($a = " + String(repeating: "(", count: 500) + "1" + String(repeating: ")", count: 500) + ")")?.kind == .nestingTooDeep)
        #expect(VTL.compileError("#set($a = " + String(repeating: "!", count: 5000) + "true)")?.kind == .nestingTooDeep)
    }

    @Test func aLoopOverMoreThanAThousandItemsIsAnError() throws {
        #expect(try VTL.render("#foreach($i in [1..1000])#end done") == " done")
        let error = try VTL.runtimeError("\n  #foreach($i in [1..1001])#end")
        #expect(error == VTLRuntimeError(kind: .loopLimitExceeded(1_000), position: VTLPosition(line: 2, column: 3)))
    }

    @Test func outputPastTheLimitIsAnError() throws {
        let limits = VTLLimits(maxOutputBytes: 1_000)
        #expect(try VTL.runtimeError("#foreach($i in [1..100])0123456789#end", limits: limits) == nil)
        #expect(try VTL.runtimeError("#foreach($i in [1..101])0123456789#end", limits: limits)?.kind == .outputLimitExceeded(1_000))
        let doubling = "#set($s = 'xxxxxxxxxx')" + String(repeating: "#set($s = \"$s$s\")", count: 40)
        #expect(try VTL.runtimeError(doubling)?.kind == .outputLimitExceeded(10 * 1024 * 1024))
    }

    @Test func recursiveMacrosAndDefinesStopAtTheDepthLimit() throws {
        let error = try VTL.runtimeError("#macro(r $n)#r($n)#end\n#r(1)")
        #expect(error?.kind == .macroDepthExceeded(20))
        #expect(try VTL.runtimeError("#define($d)$d#end$d")?.kind == .macroDepthExceeded(20))
    }

    @Test func nestedLoopsRunOutOfSteps() throws {
        let template = "#foreach($a in [1..1000])#foreach($b in [1..1000])#foreach($c in [1..1000])x#end#end#end"
        let error = try VTL.runtimeError(template, limits: VTLLimits(maxOutputBytes: 1 << 30, maxSteps: 100_000))
        #expect(error?.kind == .stepLimitExceeded(100_000))
        #expect(try VTL.runtimeError("#set($r = [1..100000000000])")?.kind == .stepLimitExceeded(1_000_000))
    }

    @Test func javaExceptionsAreRuntimeErrorsAtTheCall() throws {
        let cases = ["#set($l = [1])\n$l.get(5)", "#set($s = 'ab')\n$s.substring(3)", "#set($s = 'ab')\n$s.charAt(-1)", "#set($l = [1])\n$l[1]"]
        for template in cases {
            let error = try VTL.runtimeError(template)
            guard case .methodFailed? = error?.kind else { Issue.record("no failure for \(template)"); continue }
            #expect(error?.position.line == 2)
        }
    }

    @Test func outputBeforeARuntimeErrorIsKept() throws {
        let program = try VTLProgram.compile("kept #foreach($i in [1..2000])#end")
        var output: [UInt8] = []
        #expect(throws: VTLRuntimeError.self) { try program.evaluate([:], into: &output) }
        #expect(String(decoding: output, as: UTF8.self) == "kept ")
    }
}

extension VTLErrorTests {
    @Test func deeplyNestedRenderingStopsAtTheRenderDepth() throws {
        let nested = String(repeating: "#if(true)", count: 90) + "#m($n)" + String(repeating: "#end", count: 90)
        let template = "#macro(m $n)\(nested)#end#m(1)"
        #expect(try VTL.runtimeError(template)?.kind == .nestingTooDeep(200))
    }

    @Test func extremeRangesAndIndexesFailCleanly() throws {
        #expect(try VTL.runtimeError("#set($r = [-9223372036854775807..9223372036854775807])")?.kind == .stepLimitExceeded(1_000_000))
        #expect(throws: VTLJSONPath.SyntaxError.self) { try VTLJSONPath("$[-9223372036854775808]") }
    }
}
