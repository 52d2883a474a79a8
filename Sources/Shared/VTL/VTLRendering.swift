/// How values become text and compare, as Java's `toString()` and `equals()` do: `1.0` for a
/// double one, `1.0E10` beyond 10⁷, `[a, b]` for a list, `{k=v}` for a map, `null` inside a
/// collection.
enum VTLRendering {
    /// `toString()` of a value without limits (small values: keys, entries, messages).
    static func string(_ value: VTLValue) -> String {
        var text = ""
        try? append(value, to: &text, depth: 0, limits: VTLLimits(maxValueDepth: 16), position: VTLPosition(line: 0, column: 0))
        return text
    }

    static func append(_ value: VTLValue, to text: inout String, depth: Int, limits: VTLLimits, position: VTLPosition) throws(VTLRuntimeError) {
        guard depth <= limits.maxValueDepth else { throw VTLRuntimeError(kind: .valueTooDeep(limits.maxValueDepth), position: position) }
        guard text.utf8.count <= limits.maxOutputBytes else {
            throw VTLRuntimeError(kind: .outputLimitExceeded(limits.maxOutputBytes), position: position)
        }
        switch value {
        case .null: text += "null"
        case .bool(let flag): text += flag ? "true" : "false"
        case .int(let number): text += String(number)
        case .double(let number): text += javaDouble(number)
        case .string(let string): text += string
        case .host(let object): text += object.rendered
        case .list(let list):
            text += "["
            for (index, item) in list.items.enumerated() {
                if index > 0 { text += ", " }
                try append(item, to: &text, depth: depth + 1, limits: limits, position: position)
            }
            text += "]"
        case .map(let map):
            text += "{"
            for index in 0..<map.count {
                if index > 0 { text += ", " }
                try append(map.keys[index], to: &text, depth: depth + 1, limits: limits, position: position)
                text += "="
                try append(map.values[index], to: &text, depth: depth + 1, limits: limits, position: position)
            }
            text += "}"
        }
    }

    /// Java's `Double.toString`: shortest round-trip digits, plain between 10⁻³ and 10⁷
    /// (`100.0`, `0.001`), computerized scientific notation outside (`1.0E7`, `1.0E-4`).
    static func javaDouble(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        let sign = value < 0 ? "-" : ""
        // Swift's description is the shortest round-trip form too: take its digits and exponent.
        let description = "\(abs(value))"
        var mantissa = Substring(description)
        var exponent = 0
        if let e = description.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = description[..<e]
            exponent = Int(description[description.index(after: e)...]) ?? 0
        }
        var digits = Array(mantissa.utf8.filter { $0 != UInt8(ascii: ".") })
        let point = mantissa.utf8.firstIndex(of: UInt8(ascii: ".")).map { mantissa.utf8.distance(from: mantissa.utf8.startIndex, to: $0) } ?? mantissa.utf8.count
        var decimalExponent = point - 1 + exponent
        while digits.count > 1, digits.first == UInt8(ascii: "0") { digits.removeFirst(); decimalExponent -= 1 }
        while digits.count > 1, digits.last == UInt8(ascii: "0") { digits.removeLast() }
        let text = String(decoding: digits, as: UTF8.self)
        let magnitude = abs(value)
        if magnitude >= 1e-3, magnitude < 1e7 {
            if decimalExponent >= 0 {
                let whole = decimalExponent + 1
                if text.count <= whole { return sign + text + String(repeating: "0", count: whole - text.count) + ".0" }
                return sign + text.prefix(whole) + "." + text.dropFirst(whole)
            }
            return sign + "0." + String(repeating: "0", count: -decimalExponent - 1) + text
        }
        let fraction = text.count > 1 ? String(text.dropFirst()) : "0"
        return sign + text.prefix(1) + "." + fraction + "E" + String(decimalExponent)
    }

    // MARK: - Equality

    /// Velocity 1.7's `==`: numbers by value, same kinds by `equals`, different kinds by their
    /// `toString()`; null equals only null.
    static func equal(_ left: VTLValue, _ right: VTLValue, depth: Int = 0) -> Bool {
        guard depth < 64 else { return false }
        switch (left, right) {
        case (.null, .null): return true
        case (.null, _), (_, .null): return false
        case (.int(let a), .int(let b)): return a == b
        case (.int(let a), .double(let b)): return Double(a) == b
        case (.double(let a), .int(let b)): return a == Double(b)
        case (.double(let a), .double(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.list(let a), .list(let b)):
            return a === b || (a.count == b.count && zip(a.items, b.items).allSatisfy { equal($0, $1, depth: depth + 1) })
        case (.map(let a), .map(let b)):
            guard a !== b else { return true }
            guard a.count == b.count else { return false }
            for index in 0..<a.count {
                guard let other = b.get(a.keys[index]), equal(a.values[index], other, depth: depth + 1) else { return false }
            }
            return true
        case (.host(let a), .host(let b)) where a === b:
            return true
        default:
            return string(left) == string(right)
        }
    }

    /// Whether a list or map can reach itself through the lists and maps it holds (a bounded walk).
    static func reachesItself(_ container: VTLValue) -> Bool {
        guard let root = identity(container) else { return false }
        var stack = children(container)
        var seen: Set<ObjectIdentifier> = []
        var budget = 100_000
        while let next = stack.popLast(), budget > 0 {
            budget -= 1
            guard let id = identity(next) else { continue }
            if id == root { return true }
            if seen.insert(id).inserted { stack += children(next) }
        }
        return budget == 0
    }

    private static func identity(_ value: VTLValue) -> ObjectIdentifier? {
        switch value {
        case .list(let list): return ObjectIdentifier(list)
        case .map(let map): return ObjectIdentifier(map)
        default: return nil
        }
    }

    private static func children(_ value: VTLValue) -> [VTLValue] {
        switch value {
        case .list(let list): return list.items.filter { identity($0) != nil }
        case .map(let map): return map.values.filter { identity($0) != nil } + map.keys.filter { identity($0) != nil }
        default: return []
        }
    }
}
