/// An expression inside a directive, a method argument or an index: compiled once, evaluated by
/// `VTLEvaluator` to a `VTLValue`.
package indirect enum VTLExpression: Sendable {
    case constant(VTLConstant)
    /// A double-quoted string with `$` or `#` in it: its body is a template, rendered to a string.
    case interpolated([VTLNode])
    case reference(VTLReference)
    /// `[a, b]`: a new `ArrayList` each time it is evaluated.
    case list([VTLExpression])
    /// `{k: v}`: a new `LinkedHashMap` each time.
    case map([VTLMapEntryExpression])
    /// `[from..to]`: the integers between, ascending or descending, both ends included.
    case range(from: VTLExpression, to: VTLExpression, position: VTLPosition)
    case not(VTLExpression)
    case negate(VTLExpression, position: VTLPosition)
    case binary(VTLOperator, VTLExpression, VTLExpression, position: VTLPosition)
}

/// One `key: value` of a map literal.
package struct VTLMapEntryExpression: Sendable {
    let key: VTLExpression
    let value: VTLExpression
}

/// Velocity's binary operators (`eq`, `and`, … are spellings of the same ones).
package enum VTLOperator: Sendable {
    case add, subtract, multiply, divide, modulo
    case equal, notEqual, less, greater, lessOrEqual, greaterOrEqual
    case and, or
}

/// `$name` followed by property, method and index steps.
package struct VTLReference: Sendable {
    /// The variable's slot in the evaluation's variable array.
    let slot: Int
    let steps: [VTLReferenceStep]
    /// `$!name`: renders nothing when null.
    let quiet: Bool
    /// The reference as written, rendered when its value is null and it is not quiet.
    let source: [UInt8]
    let position: VTLPosition
}

/// One step after a reference's variable.
package enum VTLReferenceStep: Sendable {
    /// `.name`: Velocity's property lookup (`getName()`, `isName()`, map `get("name")`).
    case property(String, VTLPosition)
    /// `.name(arguments)`; `regex` is the first argument compiled ahead when it is a string
    /// constant and the method takes a regular expression.
    case method(String, [VTLExpression], regex: VTLRegex?, VTLPosition)
    /// `[index]`.
    case index(VTLExpression, VTLPosition)
}
