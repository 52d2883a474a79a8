/// A compiled mapping template: parsed once (per snapshot, off the event loops) into an
/// immutable tree, then evaluated for every request without parsing anything again.
///
/// `Sendable`: every event loop may evaluate the same program at the same time; each evaluation
/// has its own variables and output.
package struct VTLProgram: Sendable {
    let nodes: [VTLNode]
    /// Variable names by slot; evaluations bind the context's values to these slots.
    let slotNames: [String]
    let macros: [String: VTLMacro]
    /// `#define` bodies.
    let blocks: [[VTLNode]]
    let foreachSlot: Int
    let velocityCountSlot: Int
    let velocityHasNextSlot: Int
    package let limits: VTLLimits

    /// Compiles `source` (UTF-8). Throws the first syntax error, with its line and column.
    package static func compile(_ source: [UInt8], limits: VTLLimits = .apiGateway) throws(VTLCompileError) -> VTLProgram {
        guard source.count <= limits.maxTemplateBytes else {
            throw VTLCompileError(kind: .templateTooLarge, position: VTLPosition(line: 1, column: 1))
        }
        var parser = VTLParser(bytes: source, limits: limits)
        let (nodes, _) = try parser.parseNodes(inBlock: false, acceptsElse: false)
        let foreachSlot = parser.slot(for: "foreach")
        let velocityCountSlot = parser.slot(for: "velocityCount")
        let velocityHasNextSlot = parser.slot(for: "velocityHasNext")
        return VTLProgram(nodes: nodes, slotNames: parser.slotNames, macros: parser.macros, blocks: parser.blocks,
                          foreachSlot: foreachSlot, velocityCountSlot: velocityCountSlot,
                          velocityHasNextSlot: velocityHasNextSlot, limits: limits)
    }

    /// Compiles a template given as a Swift string.
    package static func compile(_ source: String, limits: VTLLimits = .apiGateway) throws(VTLCompileError) -> VTLProgram {
        try compile(Array(source.utf8), limits: limits)
    }

    /// Evaluates the program with `context`'s variables, appending the output to `output`.
    /// On a runtime error `output` holds what was written before it.
    package func evaluate(_ context: [String: VTLValue], into output: inout [UInt8]) throws(VTLRuntimeError) {
        var evaluator = VTLEvaluator(program: self, context: context)
        swap(&evaluator.output, &output)
        defer {
            swap(&evaluator.output, &output)
            evaluator.breakCycles()
        }
        _ = try evaluator.render(nodes)
    }

    /// The output as a string (tests and tools).
    package func render(_ context: [String: VTLValue] = [:]) throws(VTLRuntimeError) -> String {
        var output: [UInt8] = []
        try evaluate(context, into: &output)
        return String(decoding: output, as: UTF8.self)
    }
}
