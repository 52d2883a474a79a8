/// Why a schema document cannot be compiled: it is not valid draft 4, or it cannot be resolved.
///
/// `at` is the schema location as a URI fragment: `#/properties/a` inside the document being
/// compiled (`#` is its root), `{uri}#/…` in another document (a model reached by `$ref`). The control plane turns `description` into its 400 message.
package enum JSONSchemaCompileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A position that must hold a schema (the root, `properties/x`, `items/0`, …) is not an object.
    case notASchema(at: String)
    /// A keyword breaks a rule of draft 4's meta-schema (`minLength: -1`, `required: []`, …).
    case invalidKeyword(String, at: String, reason: String)
    /// `pattern` or a `patternProperties` key is not a regular expression this engine accepts.
    case invalidPattern(String, at: String, reason: String)
    /// A `$ref` names a document the resolver does not serve, or a location inside it that is
    /// absent.
    case unresolvableReference(String, at: String)
    /// `$ref`s that lead back to themselves without reaching a schema, or a cycle of schemas
    /// (through `allOf`/`anyOf`/`oneOf`/`not`/schema dependencies) that never moves into a part
    /// of the instance: validation would never end.
    case referenceLoop(String, at: String)
    /// Nesting (schemas within schemas, plus `$ref` hops) deeper than `JSONSchemaLimits.maxSchemaDepth`.
    case tooDeep(at: String)
    /// More compiled schemas or documents than the limits allow.
    case tooLarge(String)

    package var description: String {
        switch self {
        case .notASchema(let at): return "schema at '\(at)' must be an object"
        case .invalidKeyword(let keyword, let at, let reason): return "invalid \"\(keyword)\" at '\(at)': \(reason)"
        case .invalidPattern(let pattern, let at, let reason): return "invalid regular expression \"\(pattern)\" at '\(at)': \(reason)"
        case .unresolvableReference(let ref, let at): return "cannot resolve $ref \"\(ref)\" at '\(at)'"
        case .referenceLoop(let ref, let at): return "$ref \"\(ref)\" at '\(at)' loops without reaching a schema that consumes input"
        case .tooDeep(let at): return "schema nesting too deep at '\(at)'"
        case .tooLarge(let what): return "schema too large: \(what)"
        }
    }
}
