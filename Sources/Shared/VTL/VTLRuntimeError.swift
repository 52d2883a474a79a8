/// Why an evaluation stopped, and at which construct of the template. API Gateway answers such a
/// request with 500 `Internal server error`; the position is for the log.
package struct VTLRuntimeError: Error, Equatable, Sendable, CustomStringConvertible {
    package enum Kind: Equatable, Sendable {
        /// One `#foreach` walked more than `VTLLimits.maxForeachIterations` items.
        case loopLimitExceeded(Int)
        /// The output, or a string built on the way, grew past `VTLLimits.maxOutputBytes`.
        case outputLimitExceeded(Int)
        /// Macros called each other deeper than `VTLLimits.maxMacroDepth`.
        case macroDepthExceeded(Int)
        /// The evaluation took more than `VTLLimits.maxSteps` steps.
        case stepLimitExceeded(Int)
        /// A collection nests (or contains itself) deeper than `VTLLimits.maxValueDepth` where it
        /// is rendered or compared.
        case valueTooDeep(Int)
        /// Blocks, macro bodies and `#define`s rendered inside each other deeper than
        /// `VTLLimits.maxRenderDepth` (keeps the evaluator's recursion far from the stack's end).
        case nestingTooDeep(Int)
        /// A Java method would have thrown (index out of bounds, bad regex, bad JSON, …).
        case methodFailed(String)
    }

    package let kind: Kind
    package let position: VTLPosition

    package var description: String { "\(kind) at \(position)" }
}
