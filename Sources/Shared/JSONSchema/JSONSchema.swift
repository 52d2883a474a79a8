/// A compiled JSON Schema draft 4 validator: built once from a model's schema document (when the
/// control plane writes the model, and when a snapshot is compiled), then shared read-only by
/// every event loop. Validating parses nothing and looks no keyword up by name; it recurses at
/// most `limits.maxValidationDepth` deep and keeps at most `limits.maxViolations` messages.
///
/// `format` is ignored (draft 4 §7.2 lets a validator skip it); every other draft 4 keyword is
/// enforced. Messages use the wording of the validator API Gateway reports with (see
/// `JSONSchemaMessages`).
package struct JSONSchema: Sendable {
    let nodes: [JSONSchemaNode]
    let root: Int
    package let limits: JSONSchemaLimits

    /// Compiled schemas over all documents (each `$ref` target counted once).
    package var nodeCount: Int { nodes.count }

    init(nodes: [JSONSchemaNode], root: Int, limits: JSONSchemaLimits) {
        self.nodes = nodes
        self.root = root
        self.limits = limits
    }

    /// Compiles `document`. `baseURI` is its own URI (a model's `APIGatewayModelURL`; empty for
    /// an anonymous document), against which relative `$ref`s and `id`s resolve; `resolver` serves
    /// the other documents `$ref`s name. Throws when the schema is not valid draft 4 or a reference
    /// cannot be resolved or would loop.
    package init(compiling document: JSONValue, baseURI: String = "", resolver: any JSONSchemaResolver = JSONSchemaDocuments(),
                 limits: JSONSchemaLimits = JSONSchemaLimits()) throws(JSONSchemaCompileError) {
        self = try JSONSchemaCompiler.compile(document, baseURI: baseURI, resolver: resolver, limits: limits)
    }

    /// Whether `instance` is valid; stops at the first failure and allocates no messages.
    package func isValid(_ instance: JSONValue) -> Bool {
        var evaluator = JSONSchemaEvaluator(nodes: nodes, limits: limits, reporting: false)
        return evaluator.evaluate(root, instance, depth: 0)
    }

    /// Validates `instance`. A valid instance costs one quiet pass; an invalid one a second pass
    /// that collects the violations.
    package func validate(_ instance: JSONValue) -> JSONSchemaValidation {
        if isValid(instance) { return JSONSchemaValidation(violations: [], truncated: false) }
        var evaluator = JSONSchemaEvaluator(nodes: nodes, limits: limits, reporting: true)
        _ = evaluator.evaluate(root, instance, depth: 0)
        var violations = evaluator.violations
        if violations.isEmpty {
            violations = [JSONSchemaViolation(instancePath: "", schemaPath: nodes[root].location, keyword: "", message: "instance is invalid")]
        }
        return JSONSchemaValidation(violations: violations, truncated: evaluator.truncated)
    }
}

/// The outcome of validating one instance.
package struct JSONSchemaValidation: Sendable, Equatable {
    /// At most `JSONSchemaLimits.maxViolations`, in the order found.
    package let violations: [JSONSchemaViolation]
    /// More violations existed than were kept.
    package let truncated: Bool

    package var isValid: Bool { violations.isEmpty }

    /// The messages as API Gateway prints them in `$context.error.validationErrorString` and in
    /// its execution log (`Request body does not match model schema for content type
    /// application/json: [...]`): a bracketed, comma-separated list.
    package var validationErrorString: String { "[" + violations.map(\.message).joined(separator: ", ") + "]" }
}

/// One failed keyword.
package struct JSONSchemaViolation: Sendable, Equatable, CustomStringConvertible {
    /// JSON pointer into the instance (`""` is the whole body, `/items/0/name` a member).
    package let instancePath: String
    /// Where the failing keyword is: `#/properties/a/minLength`, or `{model URL}#/…`.
    package let schemaPath: String
    package let keyword: String
    package let message: String

    package var description: String { (instancePath.isEmpty ? "/" : instancePath) + ": " + message }
}
