/// The parsed form of an ECMA 262 pattern, before it is compiled into an `ECMARegexProgram`.
indirect enum ECMARegexNode: Equatable {
    case empty
    case scalar(UInt32)
    /// `.`: any scalar but a line terminator.
    case any
    case set(ECMARegexCharSet)
    case concat([ECMARegexNode])
    case alternate([ECMARegexNode])
    /// A group; `capture` is its 1-based number, nil for `(?:…)`.
    case group(ECMARegexNode, capture: Int?)
    case repetition(ECMARegexNode, min: Int, max: Int?, greedy: Bool)
    case start, end
    case wordBoundary(negated: Bool)
    case lookahead(ECMARegexNode, negated: Bool)
    case backreference(Int)
}

/// Why a pattern is not one this engine accepts; `offset` counts Unicode scalars into the pattern.
package struct ECMARegexError: Error, Equatable, Sendable, CustomStringConvertible {
    package let offset: Int
    package let reason: String
    package var description: String { "\(reason) at offset \(offset)" }
}
