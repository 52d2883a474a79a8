/// Why a template does not compile, and where: API Gateway refuses such a template when it is
/// saved; Tollgate's snapshot compiler reports it with the position.
package struct VTLCompileError: Error, Equatable, Sendable, CustomStringConvertible {
    package enum Kind: Equatable, Sendable {
        /// The template is larger than `VTLLimits.maxTemplateBytes` (API Gateway: 300 KB).
        case templateTooLarge
        /// Directives, expressions or string interpolations nest deeper than the parser allows.
        case nestingTooDeep
        case unterminatedComment
        case unterminatedUnparsedBlock
        case unterminatedString
        /// `${name` without the closing brace.
        case unterminatedReference
        /// `#end`, `#else` or `#elseif` with no open block.
        case unexpectedDirective(String)
        /// A block (`#if`, `#foreach`, `#macro`, `#define`) that reaches the end without `#end`.
        case missingEnd(String)
        /// A directive that needs `(`, a name, `in`, … did not get it.
        case malformedDirective(String)
        /// An expression that does not parse; the text says what was expected.
        case invalidExpression(String)
    }

    package let kind: Kind
    package let position: VTLPosition

    package var description: String { "\(kind) at \(position)" }
}
