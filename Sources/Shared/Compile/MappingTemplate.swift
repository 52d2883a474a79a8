/// A mapping template (request template of an integration, response template of an integration
/// response), compiled once per snapshot: the VTL program the requests run, never parsed again.
///
/// A template with neither `$` nor `#` cannot reference or direct anything, so its output is its
/// text: it keeps `staticOutput` and no program, and requests copy the bytes without running the
/// engine (a plain MOCK's `{"statusCode": 200}` costs what it cost before templates were evaluated).
/// Immutable and shared by every event loop.
package struct MappingTemplate: Sendable, Equatable {
    /// Lowercased media type, e.g. `application/json`.
    package let contentType: String
    package let source: String
    /// The output of a template without `$` or `#`; nil when it must be evaluated.
    package let staticOutput: [UInt8]?
    /// The compiled program (nil for a static template).
    package let program: VTLProgram?

    /// Compiles `source`; throws the engine's first syntax error with its line and column.
    package init(contentType: String, source: String, limits: VTLLimits = .apiGateway) throws(VTLCompileError) {
        self.contentType = contentType
        self.source = source
        let bytes = Array(source.utf8)
        if bytes.contains(where: { $0 == UInt8(ascii: "$") || $0 == UInt8(ascii: "#") }) {
            program = try VTLProgram.compile(bytes, limits: limits)
            staticOutput = nil
        } else {
            guard bytes.count <= limits.maxTemplateBytes else {
                throw VTLCompileError(kind: .templateTooLarge, position: VTLPosition(line: 1, column: 1))
            }
            program = nil
            staticOutput = bytes
        }
    }

    package static func == (lhs: MappingTemplate, rhs: MappingTemplate) -> Bool {
        lhs.contentType == rhs.contentType && lhs.source == rhs.source
    }

    /// The status code a MOCK request template (static, or its rendered output) declares: the
    /// integer after the first `"statusCode"` and a colon, if it is 100–599.
    package static func declaredStatusCode(in template: String) -> Int? {
        guard let key = ASCIISearch.firstRange(of: "\"statusCode\"", in: template) else { return nil }
        var rest = template[key.upperBound...].drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        guard rest.first == ":" else { return nil }
        rest = rest.dropFirst().drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
        guard digits.count == 3, let code = Int(digits), (100...599).contains(code) else { return nil }
        return code
    }
}
