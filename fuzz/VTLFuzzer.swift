// libFuzzer entry point for the VTL compiler and evaluator. Built by `scripts/fuzz vtl` together
// with the Foundation-free files of Sources/Shared/VTL, JSON and Encoding
// (swiftc -sanitize=fuzzer,address); not part of the Swift package.
//
// Invariants checked on every input (a violation traps, which libFuzzer reports as a crash):
// 1. Nothing crashes, overflows or reads out of bounds (ASan), whatever the bytes: compiling
//    either succeeds or throws a `VTLCompileError`, evaluating either succeeds or throws a
//    `VTLRuntimeError`, within small limits, so nothing hangs.
// 2. The output never exceeds the output limit.
// 3. Evaluating the same program twice with fresh contexts gives the same output and verdict.

let limits = VTLLimits(maxForeachIterations: 50, maxOutputBytes: 16 * 1024, maxMacroDepth: 8, maxSteps: 20_000)
let body = Array(#"{"a": [1, "two", {"b": null, "c": 2.5}], "s": "it's", "m": {"k": "v"}}"#.utf8)

func context() -> [String: VTLValue] {
    let request = VTLRequest(body: body, path: [("id", "7")], querystring: [("q", "x y")], header: [("X-H", "h")])
    return ["input": .host(VTLInput(request)), "util": .host(VTLUtil()), "a": .string("v"),
            "l": .list(VTLList([.int(1), .string("a,b")]))]
}

func run(_ program: VTLProgram) -> (output: [UInt8], failed: Bool) {
    var output: [UInt8] = []
    do {
        try program.evaluate(context(), into: &output)
        return (output, false)
    } catch {
        return (output, true)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVTL(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let program = try? VTLProgram.compile(bytes, limits: limits) else { return 0 }
    let first = run(program)
    precondition(first.output.count <= limits.maxOutputBytes, "output over the limit")
    let second = run(program)
    precondition(first.output == second.output && first.failed == second.failed, "evaluation is not deterministic")
    return 0
}
