/// The backtracking matcher: an explicit stack instead of recursion (so a long input cannot
/// overflow the thread's stack), and a step budget shared by every start position and lookahead
/// of a search (and, through the caller, by every search of one validation). Keeps its stack and
/// registers between searches so that a validation allocates them once; confined to the caller's
/// thread.
package struct ECMARegexMatcher {
    typealias Index = String.UnicodeScalarView.Index

    fileprivate enum Backtrack {
        case branch(pc: Int, position: Index)
        case slot(Int, Index?)
        case register(Int, Index?)
    }

    private var stack: [Backtrack] = []
    private var slots: [Index?] = []
    private var registers: [Index?] = []
    private var text = "".unicodeScalars
    private var budget = 0
    private var exhausted = false

    package init() {}

    /// Tries every start position in order (only the first when the program is anchored),
    /// spending from `budget`.
    mutating func search(_ program: ECMARegexProgram, in text: String.UnicodeScalarView, budget: inout Int) -> ECMARegex.Outcome {
        self.text = text
        self.budget = budget
        exhausted = false
        // The buffers leave `self` for the search (a move, not a copy) so `run` can borrow them.
        var stack = self.stack, slots = self.slots, registers = self.registers
        self.stack = []
        self.slots = []
        self.registers = []
        defer {
            budget = max(self.budget, 0)
            self.text = "".unicodeScalars
            self.stack = stack
            self.slots = slots
            self.registers = registers
        }
        var start = text.startIndex
        while true {
            slots.removeAll(keepingCapacity: true)
            slots.append(contentsOf: repeatElement(nil, count: program.slotCount))
            registers.removeAll(keepingCapacity: true)
            registers.append(contentsOf: repeatElement(nil, count: program.registerCount))
            if run(program, at: start, stack: &stack, slots: &slots, registers: &registers) { return .match }
            if exhausted { return .budgetExceeded }
            if program.anchoredAtStart || start == text.endIndex { return .noMatch }
            start = text.index(after: start)
        }
    }

    /// Whether `program` matches at `position`; sets `exhausted` when the budget ran out.
    private mutating func run(_ program: ECMARegexProgram, at position: Index, stack: inout [Backtrack],
                              slots: inout [Index?], registers: inout [Index?]) -> Bool {
        stack.removeAll(keepingCapacity: true)
        var pc = 0
        var position = position
        let code = program.instructions
        while true {
            budget -= 1
            if budget < 0 { exhausted = true; return false }
            var ok = true
            switch code[pc] {
            case .scalar(let value):
                if position != text.endIndex, text[position].value == value {
                    position = text.index(after: position); pc += 1
                } else { ok = false }
            case .set(let index):
                if position != text.endIndex, program.sets[index].contains(text[position].value) {
                    position = text.index(after: position); pc += 1
                } else { ok = false }
            case .any:
                if position != text.endIndex, !ECMARegexCharSet.isLineTerminator(text[position].value) {
                    position = text.index(after: position); pc += 1
                } else { ok = false }
            case .split(let first, let second):
                stack.append(.branch(pc: second, position: position))
                pc = first
            case .jump(let target):
                pc = target
            case .save(let slot):
                stack.append(.slot(slot, slots[slot]))
                slots[slot] = position
                pc += 1
            case .start:
                if position == text.startIndex { pc += 1 } else { ok = false }
            case .end:
                if position == text.endIndex { pc += 1 } else { ok = false }
            case .wordBoundary(let negated):
                let before = position != text.startIndex && ECMARegexCharSet.isWord(text[text.index(before: position)].value)
                let after = position != text.endIndex && ECMARegexCharSet.isWord(text[position].value)
                if (before != after) != negated { pc += 1 } else { ok = false }
            case .lookahead(let index, let negated):
                let sub = program.lookaheads[index]
                var inner: [Backtrack] = []
                var innerSlots = slots
                var innerRegisters = [Index?](repeating: nil, count: sub.registerCount)
                let matched = run(sub, at: position, stack: &inner, slots: &innerSlots, registers: &innerRegisters)
                if exhausted { return false }
                if matched != negated { pc += 1 } else { ok = false }
            case .backreference(let group):
                if let from = slots[2 * group], let to = slots[2 * group + 1], from <= to {
                    var cursor = position
                    var i = from
                    while ok, i < to {
                        if cursor == text.endIndex || text[cursor] != text[i] { ok = false; break }
                        cursor = text.index(after: cursor)
                        i = text.index(after: i)
                    }
                    if ok { position = cursor; pc += 1 }
                } else {
                    pc += 1     // a group that did not participate matches the empty string
                }
            case .mark(let register):
                stack.append(.register(register, registers[register]))
                registers[register] = position
                pc += 1
            case .progress(let register):
                if registers[register] == position { ok = false } else { pc += 1 }
            case .match:
                return true
            }
            if ok { continue }
            // Backtrack to the most recent branch, undoing slot and register writes on the way.
            var resumed = false
            while let top = stack.popLast() {
                switch top {
                case .branch(let target, let at): pc = target; position = at; resumed = true
                case .slot(let slot, let old): slots[slot] = old
                case .register(let register, let old): registers[register] = old
                }
                if resumed { break }
            }
            if !resumed { return false }
        }
    }
}
