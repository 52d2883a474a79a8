/// Runs a `VTLRegex` over one string by backtracking, within a step budget, and implements
/// Java's `matches`, `replaceAll`/`replaceFirst` (with `$n` group references) and `split`.
///
/// Repetitions of a single-character atom (`.*`, `\s+`, `[^,]*`) are matched in a loop; other
/// repetitions and alternations recurse, at most `maxDepth` frames deep. Running out of either
/// budget stops the match with `exhausted` set, and the caller turns that into a runtime error,
/// so no pattern can hang or overflow the stack.
struct VTLRegexMatcher {
    let regex: VTLRegex
    let input: [Unicode.Scalar]
    var steps: Int
    var depth = 0
    var exhausted = false
    var captures: [Int]
    static let maxDepth = 1_000

    init(_ regex: VTLRegex, _ input: [Unicode.Scalar], steps: Int) {
        self.regex = regex
        self.input = input
        self.steps = steps
        self.captures = Array(repeating: -1, count: (regex.groupCount + 1) * 2)
    }

    /// The first match starting at or after `from`: its range, with the captures filled in.
    mutating func find(from: Int) -> Range<Int>? {
        var start = from
        while start <= input.count, !exhausted {
            for i in captures.indices { captures[i] = -1 }
            var matchEnd = -1
            if match(regex.root, start, { end, _ in matchEnd = end; return true }) {
                captures[0] = start
                captures[1] = matchEnd
                return start..<matchEnd
            }
            start += 1
        }
        return nil
    }

    /// Whether the whole input matches (Java's `String.matches`).
    mutating func matchesEntirely() -> Bool {
        let count = input.count
        return match(regex.root, 0, { end, _ in end == count })
    }

    private mutating func spend() -> Bool {
        steps -= 1
        if steps < 0 { exhausted = true }
        return !exhausted
    }

    private func isWord(_ index: Int) -> Bool {
        index >= 0 && index < input.count && VTLRegex.classContains(UInt8(ascii: "w"), input[index])
    }

    private static func isLineTerminator(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    /// Whether the single-character node `node` matches at `index`; nil when `node` is not one.
    private func single(_ node: VTLRegex.Node, _ index: Int) -> Bool? {
        switch node {
        case .scalar(let scalar): return index < input.count && input[index] == scalar
        case .any: return index < input.count && !Self.isLineTerminator(input[index])
        case .set(let set): return index < input.count && set.contains(input[index])
        default: return nil
        }
    }

    typealias Continuation = (Int, inout VTLRegexMatcher) -> Bool

    private mutating func match(_ node: VTLRegex.Node, _ index: Int, _ next: @escaping Continuation) -> Bool {
        guard spend() else { return false }
        if let hit = single(node, index) { return hit && next(index + 1, &self) }
        switch node {
        case .empty:
            return next(index, &self)
        case .lineStart:
            return index == 0 && next(index, &self)
        case .lineEnd:
            let atEnd = index == input.count || (index == input.count - 1 && input[index] == "\n")
            return atEnd && next(index, &self)
        case .wordBoundary(let wanted):
            return (isWord(index - 1) != isWord(index)) == wanted && next(index, &self)
        case .group(let inner, let capture):
            guard let capture else { return nested(inner, index, next) }
            let saved = (captures[capture * 2], captures[capture * 2 + 1])
            let matched = nested(inner, index) { end, matcher in
                let before = (matcher.captures[capture * 2], matcher.captures[capture * 2 + 1])
                matcher.captures[capture * 2] = index
                matcher.captures[capture * 2 + 1] = end
                if next(end, &matcher) { return true }
                matcher.captures[capture * 2] = before.0
                matcher.captures[capture * 2 + 1] = before.1
                return false
            }
            if !matched {
                captures[capture * 2] = saved.0
                captures[capture * 2 + 1] = saved.1
            }
            return matched
        case .sequence(let items):
            return sequence(items[...], index, next)
        case .alternation(let branches):
            for branch in branches where nested(branch, index, next) { return true }
            return false
        case .repetition(let inner, let min, let max, let greedy):
            if single(inner, index) != nil { return repeatSingle(inner, index, min, max, greedy, next) }
            return repeatNode(inner, index, count: 0, min, max, greedy, next)
        case .scalar, .any, .set:
            return false
        }
    }

    private mutating func nested(_ node: VTLRegex.Node, _ index: Int, _ next: @escaping Continuation) -> Bool {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth { exhausted = true; return false }
        return match(node, index, next)
    }

    private mutating func sequence(_ items: ArraySlice<VTLRegex.Node>, _ index: Int, _ next: @escaping Continuation) -> Bool {
        guard let first = items.first else { return next(index, &self) }
        let rest = items.dropFirst()
        return nested(first, index) { end, matcher in matcher.sequence(rest, end, next) }
    }

    private mutating func repeatSingle(_ inner: VTLRegex.Node, _ index: Int, _ min: Int, _ max: Int?, _ greedy: Bool,
                                       _ next: @escaping Continuation) -> Bool {
        var count = 0
        let limit = max ?? Int.max
        while count < limit, single(inner, index + count) == true {
            count += 1
            guard spend() else { return false }
        }
        guard count >= min else { return false }
        if greedy {
            var n = count
            while n >= min {
                if next(index + n, &self) { return true }
                guard spend() else { return false }
                n -= 1
            }
        } else {
            for n in min...count {
                if next(index + n, &self) { return true }
                guard spend() else { return false }
            }
        }
        return false
    }

    private mutating func repeatNode(_ inner: VTLRegex.Node, _ index: Int, count: Int, _ min: Int, _ max: Int?,
                                     _ greedy: Bool, _ next: @escaping Continuation) -> Bool {
        let canStop = count >= min
        let canGo = max.map { count < $0 } ?? true
        let more: (inout VTLRegexMatcher) -> Bool = { matcher in
            canGo && matcher.nested(inner, index) { end, matcher in
                // An iteration that consumed nothing cannot make progress: stop repeating.
                end != index && matcher.repeatNode(inner, end, count: count + 1, min, max, greedy, next)
            }
        }
        if greedy {
            return more(&self) || (canStop && next(index, &self))
        }
        return (canStop && next(index, &self)) || more(&self)
    }
}
