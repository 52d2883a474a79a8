/// One piece of a compiled template's body: the program is a tree of these, built once by
/// `VTLParser` and walked by `VTLEvaluator` for every evaluation. Immutable and `Sendable`.
package indirect enum VTLNode: Sendable {
    /// Bytes copied to the output as they are.
    case text([UInt8])
    /// `$a`, `$!a.b(…)`, `${a}`: rendered, or its own source when it is null and not quiet.
    case reference(VTLReference)
    /// `\$a` with `backslashes` backslashes before it (Velocity's escaping rules, see the parser).
    case escapedReference(VTLReference, backslashes: Int)
    /// `#set($target = value)`.
    case set(target: VTLReference, value: VTLExpression, position: VTLPosition)
    /// `#if`/`#elseif` branches in order, then the `#else` body (empty when there is none).
    case conditional(branches: [VTLBranch], otherwise: [VTLNode])
    /// `#foreach($variable in $iterable)`; `variable` is a slot index.
    case foreach(variable: Int, iterable: VTLExpression, body: [VTLNode], position: VTLPosition)
    /// `#break`: leaves the innermost `#foreach`, macro or `#define` body (the template at top level).
    case breakScope
    /// `#stop`: ends the evaluation; the output so far is kept.
    case stop
    /// `#define($variable)`: binds the slot to the block `block` of `VTLProgram.blocks`.
    case define(variable: Int, block: Int)
    /// `#name(arguments)`: a macro call, resolved by name when it runs (an unknown name renders
    /// `source`, as Velocity renders an unknown directive).
    case macroCall(name: String, arguments: [VTLExpression], source: [UInt8], position: VTLPosition)
}

/// One `#if`/`#elseif` condition and its body.
package struct VTLBranch: Sendable {
    let condition: VTLExpression
    let body: [VTLNode]
}

/// A `#macro(name $p1 $p2)` definition: parameter slots and body.
package struct VTLMacro: Sendable {
    let parameters: [Int]
    let body: [VTLNode]
}
