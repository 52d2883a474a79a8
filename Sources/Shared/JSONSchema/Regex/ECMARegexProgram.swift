/// A compiled pattern: instructions for the backtracking matcher (`ECMARegexMatcher`), built once
/// at schema compile time and then only read. Counted repetition is unrolled, so the program's
/// size is bounded (`maxInstructions`) rather than the pattern's text.
final class ECMARegexProgram: Sendable {
    enum Instruction: Sendable, Equatable {
        case scalar(UInt32)
        case set(Int)
        case any
        /// Try `first`, and on failure `second`.
        case split(first: Int, second: Int)
        case jump(Int)
        /// Record the position in capture slot n (only emitted when the pattern has backreferences).
        case save(Int)
        case start, end
        case wordBoundary(negated: Bool)
        /// Run sub-program n at this position without consuming input.
        case lookahead(Int, negated: Bool)
        case backreference(Int)
        /// Record the position in loop register n, and fail if an iteration consumed nothing.
        case mark(Int)
        case progress(Int)
        case match
    }

    static let maxInstructions = 20_000

    let instructions: [Instruction]
    let sets: [ECMARegexCharSet]
    let lookaheads: [ECMARegexProgram]
    let slotCount: Int
    let registerCount: Int
    /// The program can only match at the start of the input (it begins with `^` in every branch
    /// we detect cheaply: a leading `.start`).
    let anchoredAtStart: Bool

    init(instructions: [Instruction], sets: [ECMARegexCharSet], lookaheads: [ECMARegexProgram], slotCount: Int, registerCount: Int) {
        self.instructions = instructions
        self.sets = sets
        self.lookaheads = lookaheads
        self.slotCount = slotCount
        self.registerCount = registerCount
        self.anchoredAtStart = instructions.first == .start
    }

    /// Compiles a parsed pattern; `captures` tells whether `save` instructions are needed.
    static func compile(_ node: ECMARegexNode, groups: Int, captures: Bool) throws(ECMARegexError) -> ECMARegexProgram {
        var builder = Builder(captures: captures)
        try builder.emit(node)
        builder.append(.match)
        guard builder.size <= maxInstructions else { throw ECMARegexError(offset: 0, reason: "pattern too large once compiled") }
        return ECMARegexProgram(instructions: builder.code, sets: builder.sets, lookaheads: builder.lookaheads,
                                slotCount: captures ? 2 * (groups + 1) : 0, registerCount: builder.registers)
    }

    /// Mutable while one program is emitted.
    private struct Builder {
        let captures: Bool
        var code: [Instruction] = []
        var sets: [ECMARegexCharSet] = []
        var lookaheads: [ECMARegexProgram] = []
        var registers = 0
        var size: Int { code.count + lookaheads.reduce(0) { $0 + $1.instructions.count } }

        init(captures: Bool) { self.captures = captures }

        mutating func append(_ instruction: Instruction) { code.append(instruction) }

        mutating func emit(_ node: ECMARegexNode) throws(ECMARegexError) {
            guard size <= ECMARegexProgram.maxInstructions else { throw ECMARegexError(offset: 0, reason: "pattern too large once compiled") }
            switch node {
            case .empty: break
            case .scalar(let value): append(.scalar(value))
            case .any: append(.any)
            case .set(let set):
                if let index = sets.firstIndex(of: set) { append(.set(index)) } else { sets.append(set); append(.set(sets.count - 1)) }
            case .concat(let items): for item in items { try emit(item) }
            case .alternate(let items):
                var jumpsToEnd: [Int] = []
                for (i, item) in items.enumerated() {
                    if i < items.count - 1 {
                        let split = code.count
                        append(.split(first: split + 1, second: -1))
                        try emit(item)
                        jumpsToEnd.append(code.count)
                        append(.jump(-1))
                        code[split] = .split(first: split + 1, second: code.count)
                    } else {
                        try emit(item)
                    }
                }
                for jump in jumpsToEnd { code[jump] = .jump(code.count) }
            case .group(let body, let capture):
                if captures, let capture { append(.save(2 * capture)) }
                try emit(body)
                if captures, let capture { append(.save(2 * capture + 1)) }
            case .repetition(let body, let low, let high, let greedy):
                try emitRepetition(body, low: low, high: high, greedy: greedy)
            case .start: append(.start)
            case .end: append(.end)
            case .wordBoundary(let negated): append(.wordBoundary(negated: negated))
            case .lookahead(let body, let negated):
                var sub = Builder(captures: captures)
                try sub.emit(body)
                sub.append(.match)
                lookaheads.append(ECMARegexProgram(instructions: sub.code, sets: sub.sets, lookaheads: sub.lookaheads,
                                                   slotCount: 0, registerCount: sub.registers))
                append(.lookahead(lookaheads.count - 1, negated: negated))
            case .backreference(let n): append(.backreference(n))
            }
        }

        private mutating func split(_ at: Int, body: Int, exit: Int, greedy: Bool) {
            code[at] = greedy ? .split(first: body, second: exit) : .split(first: exit, second: body)
        }

        private mutating func emitRepetition(_ body: ECMARegexNode, low: Int, high: Int?, greedy: Bool) throws(ECMARegexError) {
            for _ in 0..<low { try emit(body) }
            if let high {
                guard high > low else { return }
                var splits: [Int] = []
                for _ in low..<high {
                    splits.append(code.count)
                    append(.jump(-1))
                    try emit(body)
                }
                for at in splits { split(at, body: at + 1, exit: code.count, greedy: greedy) }
            } else {
                let register = registers
                registers += 1
                let loop = code.count
                append(.jump(-1))
                append(.mark(register))
                try emit(body)
                append(.progress(register))
                append(.jump(loop))
                split(loop, body: loop + 1, exit: code.count, greedy: greedy)
            }
        }
    }
}
