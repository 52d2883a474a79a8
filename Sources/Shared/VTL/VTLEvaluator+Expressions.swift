/// Expressions and references: Velocity 1.7's arithmetic (`long` and `double`, integer
/// division, division or remainder by zero is null, any null operand is null, `+` with a string
/// concatenates), comparisons, logic and literals.
extension VTLEvaluator {
    mutating func evaluate(_ expression: VTLExpression) throws(VTLRuntimeError) -> VTLValue {
        try spend()
        switch expression {
        case .constant(let constant):
            return constant.value
        case .reference(let reference):
            return try evaluate(reference)
        case .interpolated(let nodes):
            return .string(try renderToString(nodes))
        case .list(let items):
            var values: [VTLValue] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(try evaluate(item)) }
            return .list(VTLList(values))
        case .map(let entries):
            let map = VTLMap()
            for entry in entries { map.put(try evaluate(entry.key), try evaluate(entry.value)) }
            return .map(map)
        case .range(let fromExpression, let toExpression, let position):
            guard let from = rangeBound(try evaluate(fromExpression)), let to = rangeBound(try evaluate(toExpression)) else { return .null }
            let (span, spanOverflow) = from > to ? from.subtractingReportingOverflow(to) : to.subtractingReportingOverflow(from)
            let (count, overflow) = span.addingReportingOverflow(1)
            guard !spanOverflow, !overflow, count <= Int64(limits.maxSteps) else {
                throw error(.stepLimitExceeded(limits.maxSteps), at: position)
            }
            try spend(Int(count))
            let values: [VTLValue] = from <= to ? (from...to).map { .int($0) } : (to...from).reversed().map { .int($0) }
            return .list(VTLList(values))
        case .not(let inner):
            return .bool(!(try evaluate(inner)).isTruthy)
        case .negate(let inner, _):
            switch try evaluate(inner) {
            case .int(let value): return .int(0 &- value)
            case .double(let value): return .double(-value)
            default: return .null
            }
        case .binary(let op, let leftExpression, let rightExpression, let position):
            switch op {
            case .and:
                guard try evaluate(leftExpression).isTruthy else { return .bool(false) }
                return .bool(try evaluate(rightExpression).isTruthy)
            case .or:
                if try evaluate(leftExpression).isTruthy { return .bool(true) }
                return .bool(try evaluate(rightExpression).isTruthy)
            default:
                let left = try evaluate(leftExpression)
                let right = try evaluate(rightExpression)
                return try binary(op, left, right, position: position)
            }
        }
    }

    /// A range end: an integer, or a string holding one (Velocity accepts both).
    func rangeBound(_ value: VTLValue) -> Int64? {
        switch value {
        case .int(let number): return number
        case .double(let number) where number.isFinite && abs(number) < 9e18: return Int64(number)
        case .string(let text): return Int64(text.trimmingASCIIWhitespace())
        default: return nil
        }
    }

    mutating func binary(_ op: VTLOperator, _ left: VTLValue, _ right: VTLValue, position: VTLPosition) throws(VTLRuntimeError) -> VTLValue {
        switch op {
        case .equal: return .bool(VTLRendering.equal(left, right))
        case .notEqual: return .bool(!VTLRendering.equal(left, right))
        case .less, .greater, .lessOrEqual, .greaterOrEqual:
            guard let order = Self.compare(left, right) else { return .bool(false) }
            switch op {
            case .less: return .bool(order < 0)
            case .greater: return .bool(order > 0)
            case .lessOrEqual: return .bool(order <= 0)
            default: return .bool(order >= 0)
            }
        default:
            break
        }
        if left.isNull || right.isNull { return .null }
        if op == .add, left.stringValue != nil || right.stringValue != nil {
            let text = VTLRendering.string(left) + VTLRendering.string(right)
            return .string(try checked(text, at: position))
        }
        switch (left, right) {
        case (.int(let a), .int(let b)):
            switch op {
            case .add: return .int(a &+ b)
            case .subtract: return .int(a &- b)
            case .multiply: return .int(a &* b)
            case .divide: return b == 0 ? .null : .int(a.dividedReportingOverflow(by: b).partialValue)
            case .modulo: return b == 0 ? .null : .int(a.remainderReportingOverflow(dividingBy: b).partialValue)
            default: return .null
            }
        default:
            guard let a = Self.double(left), let b = Self.double(right) else { return .null }
            switch op {
            case .add: return .double(a + b)
            case .subtract: return .double(a - b)
            case .multiply: return .double(a * b)
            case .divide: return b == 0 ? .null : .double(a / b)
            case .modulo: return b == 0 ? .null : .double(a.truncatingRemainder(dividingBy: b))
            default: return .null
            }
        }
    }

    static func double(_ value: VTLValue) -> Double? {
        switch value {
        case .int(let number): return Double(number)
        case .double(let number): return number
        default: return nil
        }
    }

    /// The order of two numbers (Velocity 1.7 orders nothing else: `<` on strings is false).
    static func compare(_ left: VTLValue, _ right: VTLValue) -> Int? {
        if case .int(let a) = left, case .int(let b) = right { return a < b ? -1 : a > b ? 1 : 0 }
        guard let a = double(left), let b = double(right), !a.isNaN, !b.isNaN else { return nil }
        return a < b ? -1 : a > b ? 1 : 0
    }

    /// `text`, or an error when it is longer than a template may build.
    func checked(_ text: String, at position: VTLPosition? = nil) throws(VTLRuntimeError) -> String {
        guard text.utf8.count <= limits.maxOutputBytes else { throw error(.outputLimitExceeded(limits.maxOutputBytes), at: position) }
        return text
    }

    // MARK: - References

    mutating func evaluate(_ reference: VTLReference) throws(VTLRuntimeError) -> VTLValue {
        try evaluate(reference, steps: reference.steps[...])
    }

    /// The reference's variable followed by `steps`; null as soon as a step yields null.
    mutating func evaluate(_ reference: VTLReference, steps: ArraySlice<VTLReferenceStep>) throws(VTLRuntimeError) -> VTLValue {
        var value = slots[reference.slot]
        for step in steps {
            if value.isNull { return .null }
            try spend()
            switch step {
            case .property(let name, let position):
                self.position = position
                value = try property(of: value, name)
            case .method(let name, let argumentExpressions, let regex, let position):
                var arguments: [VTLValue] = []
                arguments.reserveCapacity(argumentExpressions.count)
                for argument in argumentExpressions { arguments.append(try evaluate(argument)) }
                self.position = position
                value = try call(name, on: value, arguments, regex: regex)
            case .index(let indexExpression, let position):
                let key = try evaluate(indexExpression)
                self.position = position
                value = try index(value, key)
            }
        }
        return value
    }

    /// `$value.name` as Velocity's introspector resolves it: a map's `get("name")`, a host
    /// object's own lookup, otherwise the `getName()` or `isName()` method (`$list.empty`).
    mutating func property(of value: VTLValue, _ name: String) throws(VTLRuntimeError) -> VTLValue {
        switch value {
        case .map(let map):
            return map.get(name) ?? .null
        case .host(let object):
            return object.property(name) ?? .null
        default:
            let capitalized = name.prefix(1).uppercased() + name.dropFirst()
            let getter = try call("get" + capitalized, on: value, [], regex: nil)
            if !getter.isNull { return getter }
            return try call("is" + capitalized, on: value, [], regex: nil)
        }
    }

    /// `$value[key]`: a list element (a negative index counts from the end, as Velocity 1.7),
    /// a map entry, or a host object's `get(key)`.
    mutating func index(_ value: VTLValue, _ key: VTLValue) throws(VTLRuntimeError) -> VTLValue {
        switch (value, key) {
        case (.list(let list), .int(let raw)):
            let index = raw < 0 ? Int64(list.count) + raw : raw
            guard index >= 0, index < Int64(list.count) else {
                throw error(.methodFailed("IndexOutOfBoundsException: Index \(raw) out of bounds for length \(list.count)"))
            }
            return list.items[Int(index)]
        case (.map(let map), _):
            return map.get(key) ?? .null
        default:
            return try call("get", on: value, [key], regex: nil)
        }
    }
}

extension String {
    /// The string without leading and trailing characters up to U+0020 (Java's `trim()`).
    func trimmingASCIIWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0.value > 0x20 }) else { return "" }
        let last = scalars.lastIndex(where: { $0.value > 0x20 })!
        return String(scalars[first...last])
    }
}
