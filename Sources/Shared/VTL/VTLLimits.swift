/// The bounds that keep any template, on any input, from running long or growing large.
///
/// The defaults follow API Gateway where it documents a figure (REST API quotas,
/// "api-gateway-execution-service-limits-table": mapping templates up to 300 KB, `#foreach`
/// limited to 1,000 iterations; `docs/limits.md`), Velocity where it has one (`velocimacro.max.depth`
/// is 20), and otherwise a generous bound that no real template reaches: a request body's 10 MB
/// for output, a million steps.
package struct VTLLimits: Sendable, Equatable {
    /// Bytes of template source `compile` accepts.
    package var maxTemplateBytes: Int
    /// Iterations of one `#foreach` (each loop counts on its own, nested loops too).
    package var maxForeachIterations: Int
    /// Bytes of output, and of any one string the template builds.
    package var maxOutputBytes: Int
    /// Depth of macro calls inside macro calls.
    package var maxMacroDepth: Int
    /// Evaluation steps: nodes, expressions, loop turns, range items, regex backtracking.
    package var maxSteps: Int
    /// Nesting of lists and maps where they are rendered or compared.
    package var maxValueDepth: Int
    /// Nesting of blocks, expressions and interpolated strings in the parser.
    package var maxParseDepth: Int
    /// Nesting of rendered blocks at run time (macro bodies and `#define`s inside each other
    /// included): bounds the evaluator's recursion, whatever the macro depth.
    package var maxRenderDepth: Int

    package init(
        maxTemplateBytes: Int = 300 * 1024,
        maxForeachIterations: Int = 1_000,
        maxOutputBytes: Int = 10 * 1024 * 1024,
        maxMacroDepth: Int = 20,
        maxSteps: Int = 1_000_000,
        maxValueDepth: Int = 64,
        maxParseDepth: Int = 100,
        maxRenderDepth: Int = 200
    ) {
        self.maxTemplateBytes = maxTemplateBytes
        self.maxForeachIterations = maxForeachIterations
        self.maxOutputBytes = maxOutputBytes
        self.maxMacroDepth = maxMacroDepth
        self.maxSteps = maxSteps
        self.maxValueDepth = maxValueDepth
        self.maxParseDepth = maxParseDepth
        self.maxRenderDepth = maxRenderDepth
    }

    /// API Gateway's figures.
    package static let apiGateway = VTLLimits()
}
