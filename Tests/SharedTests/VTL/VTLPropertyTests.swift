import Testing
@testable import Shared

/// Random templates, built from Velocity's own fragments and from mutations of real templates,
/// never crash or hang the compiler or the evaluator: each compiles or fails with a typed error,
/// and each compiled one evaluates or fails with a typed error within small limits. Bounded by
/// count (seeded, so a failure replays), not by time.
@Suite struct VTLPropertyTests {
    static let fragments = [
        "$a", "$!a", "${a}", "$!{b}", "$a.b", ".size()", ".get(0)", "[0]", "['k']", "(", ")", "[", "]", "{", "}", ",", ":",
        "#if(", "#elseif(", "#else", "#end", "#{end}", "#foreach($x in ", "$foreach.hasNext", "$velocityCount", "#set(", " = ",
        "#break", "#stop", "#define($d)", "#macro(m $p)", "#m(", "$d", "$p", "##", "#*", "*#", "#[[", "]]#", "\\", "\\$a", "\\#if",
        "\"", "'", "\"$a\"", "'x'", "1", "-2", "3.5", "1..3", "[1..5]", "+", "-", "*", "/", "%", "==", "!=", "<", ">=", "&&", "||",
        "!", "and", "not", "true", "false", "\n", " ", "\t", "\r\n", "é", "😀", "$input.json('$')", "$input.path('$.a[*]')",
        "$input.params('x')", "$util.escapeJavaScript(", "$util.parseJson('[1,{}]')", ".replaceAll('(a|b)*', '$1')", ".split(',')",
        ".substring(1)", ".put('k', $a)", ".add($a)", "$l", "#set($l = [])", "#set($l = {})", "$l.add($l)", "text", "#", "$",
    ]

    static let seeds = [
        "{\"a\": $input.json('$.a'), #foreach($i in $input.path('$.list'))\"$i\"#if($foreach.hasNext),#end#end}",
        "#set($m = {'k': [1, 2]})#macro(show $v)[$v]#end#show($m.k.get(1))#if($m.k.size() > 1)big#else small#end",
        "#define($b)$x#end#set($x = \"q$b\")$x.toUpperCase() \\$x ## tail\n#* c *#done",
    ]

    /// A fresh context per evaluation (`$input` caches its parsed body; lists are mutable).
    static func context() -> [String: VTLValue] {
        var context = VTL.context(body: ##"{"a": [1, "two", {"b": null}], "list": ["x", "y"], "x": "s"}"##,
                                  request: VTLRequest(querystring: [("x", "1")]))
        context["a"] = .string("v")
        context["l"] = .list(VTLList([.int(1), .string("a,b")]))
        return context
    }

    static let limits = VTLLimits(maxForeachIterations: 50, maxOutputBytes: 64 * 1024, maxMacroDepth: 8, maxSteps: 20_000)

    /// Compiles and evaluates `template`, checking only that whatever happens is one of the typed outcomes.
    /// Returns whether the template compiled (the tests check that enough did to reach the evaluator).
    @discardableResult
    static func exercise(_ bytes: [UInt8]) -> Bool {
        let program: VTLProgram
        do {
            program = try VTLProgram.compile(bytes, limits: limits)
        } catch {
            #expect(error.position.line >= 1)
            return false
        }
        let context = Self.context()
        var output: [UInt8] = []
        do {
            try program.evaluate(context, into: &output)
        } catch {
            #expect(error.position.line >= 1)
        }
        #expect(output.count <= limits.maxOutputBytes)
        return true
    }

    @Test func fragmentSoupNeverCrashesOrHangs() {
        var generator = SeededGenerator(seed: 0x5EED_0001)
        var compiled = 0
        defer { #expect(compiled >= 300, "only \(compiled) of 3000 reached the evaluator") }
        for _ in 0..<3_000 {
            var template = ""
            for _ in 0..<Int.random(in: 1...24, using: &generator) {
                template += Self.fragments.randomElement(using: &generator)!
            }
            if Self.exercise(Array(template.utf8)) { compiled += 1 }
        }
    }

    @Test func mutatedTemplatesNeverCrashOrHang() {
        var generator = SeededGenerator(seed: 0x5EED_0002)
        var compiled = 0
        defer { #expect(compiled >= 300, "only \(compiled) of 3000 reached the evaluator") }
        for _ in 0..<3_000 {
            var bytes = Array(Self.seeds.randomElement(using: &generator)!.utf8)
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                let index = Int.random(in: 0...bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0 where index < bytes.count: bytes.remove(at: index)
                case 1: bytes.insert(UInt8.random(in: 0...255, using: &generator), at: index)
                default: bytes.insert(contentsOf: Self.fragments.randomElement(using: &generator)!.utf8, at: index)
                }
            }
            if Self.exercise(bytes) { compiled += 1 }
        }
    }
}
