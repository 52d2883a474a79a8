/// Method calls on the values templates meet, with the Java signatures API Gateway's engine
/// finds on `String`, `ArrayList` and `LinkedHashMap` (and `toString`/`equals` on everything).
///
/// Arguments must have the parameter's type (an `int` parameter takes an integer, a
/// `CharSequence` one a string; Velocity 1.7 converts nothing): otherwise no method matches and
/// the call is null, as an unknown method is. What Java would throw (an index out of bounds, a
/// bad regex) is a `methodFailed` runtime error.
extension VTLEvaluator {
    mutating func call(_ name: String, on receiver: VTLValue, _ arguments: [VTLValue], regex: VTLRegex?) throws(VTLRuntimeError) -> VTLValue {
        switch receiver {
        case .null:
            return .null
        case .host(let object):
            do {
                return try object.call(name, arguments) ?? .null
            } catch {
                throw self.error(.methodFailed(error.message))
            }
        case .string(let text):
            if let result = try stringMethod(name, text, arguments, regex: regex) { return result }
        case .list(let list):
            if let result = try listMethod(name, list, receiver, arguments) { return result }
        case .map(let map):
            if let result = try mapMethod(name, map, receiver, arguments) { return result }
        default:
            break
        }
        switch (name, arguments.count) {
        case ("toString", 0): return .string(VTLRendering.string(receiver))
        case ("equals", 1): return .bool(VTLRendering.equal(receiver, arguments[0]))
        default: break
        }
        if case .int(let number) = receiver, arguments.isEmpty {
            switch name {
            case "intValue", "longValue": return .int(number)
            case "doubleValue", "floatValue": return .double(Double(number))
            default: break
            }
        }
        if case .double(let number) = receiver, arguments.isEmpty {
            switch name {
            case "intValue", "longValue": return number.isFinite && abs(number) < 9.2e18 ? .int(Int64(number)) : .null
            case "doubleValue", "floatValue": return .double(number)
            default: break
            }
        }
        return .null
    }

    func failure(_ message: String) -> VTLRuntimeError { error(.methodFailed(message)) }

    // MARK: - String

    mutating func stringMethod(_ name: String, _ text: String, _ arguments: [VTLValue], regex: VTLRegex?) throws(VTLRuntimeError) -> VTLValue? {
        let java = VTLJavaString(text)
        switch (name, arguments.first, arguments.count > 1 ? arguments[1] : nil, arguments.count) {
        case ("length", nil, nil, 0): return .int(Int64(java.units.count))
        case ("isEmpty", nil, nil, 0): return .bool(text.isEmpty)
        case ("toString", nil, nil, 0), ("intern", nil, nil, 0): return .string(text)
        case ("toLowerCase", nil, nil, 0): return .string(text.lowercased())
        case ("toUpperCase", nil, nil, 0): return .string(text.uppercased())
        case ("trim", nil, nil, 0): return .string(text.trimmingASCIIWhitespace())
        case ("substring", .int(let begin)?, nil, 1):
            guard let result = java.substring(begin, Int64(java.units.count)) else {
                throw failure("StringIndexOutOfBoundsException: begin \(begin), length \(java.units.count)")
            }
            return .string(result)
        case ("substring", .int(let begin)?, .int(let end)?, 2):
            guard let result = java.substring(begin, end) else {
                throw failure("StringIndexOutOfBoundsException: begin \(begin), end \(end), length \(java.units.count)")
            }
            return .string(result)
        case ("charAt", .int(let index)?, nil, 1):
            guard let result = java.substring(index, index &+ 1) else {
                throw failure("StringIndexOutOfBoundsException: index \(index), length \(java.units.count)")
            }
            return .string(result)
        case ("indexOf", .string(let needle)?, nil, 1): return .int(Int64(java.indexOf(needle, from: 0)))
        case ("indexOf", .string(let needle)?, .int(let from)?, 2): return .int(Int64(java.indexOf(needle, from: from)))
        case ("lastIndexOf", .string(let needle)?, nil, 1): return .int(Int64(java.lastIndexOf(needle)))
        case ("contains", .string(let needle)?, nil, 1): return .bool(needle.isEmpty || java.indexOf(needle, from: 0) >= 0)
        case ("startsWith", .string(let prefix)?, nil, 1): return .bool(text.utf8.starts(with: prefix.utf8))
        case ("endsWith", .string(let suffix)?, nil, 1): return .bool(text.utf8.reversed().starts(with: suffix.utf8.reversed()))
        case ("equalsIgnoreCase", let other?, nil, 1):
            guard case .string(let otherText) = other else { return .bool(false) }
            return .bool(text.lowercased() == otherText.lowercased())
        case ("concat", .string(let suffix)?, nil, 1): return .string(try checked(text + suffix))
        case ("replace", .string(let target)?, .string(let replacement)?, 2):
            try spend(text.utf8.count / 64)
            return .string(try checked(VTLJavaString.replacingLiteral(text, target, replacement, limit: limits.maxOutputBytes)))
        case ("replaceAll", .string(let pattern)?, .string(let replacement)?, 2),
             ("replaceFirst", .string(let pattern)?, .string(let replacement)?, 2):
            let compiled = try regexOrFailure(regex, pattern)
            let all = name == "replaceAll"
            let limit = limits.maxOutputBytes
            return .string(try withMatcher(compiled, text) { (matcher: inout VTLRegexMatcher) throws(VTLRegexFailure) in
                try VTLJavaString.replace(&matcher, replacement, all: all, limit: limit)
            })
        case ("matches", .string(let pattern)?, nil, 1):
            let compiled = try regexOrFailure(regex, pattern)
            return .bool(try withMatcher(compiled, text) { (matcher: inout VTLRegexMatcher) throws(VTLRegexFailure) in
                matcher.matchesEntirely()
            })
        case ("split", .string(let pattern)?, nil, 1), ("split", .string(let pattern)?, .int, 2):
            var limit: Int64 = 0
            if arguments.count > 1, case .int(let given) = arguments[1] { limit = given }
            let compiled = try regexOrFailure(regex, pattern)
            let parts = try withMatcher(compiled, text) { (matcher: inout VTLRegexMatcher) throws(VTLRegexFailure) in
                VTLJavaString.split(&matcher, limit: limit)
            }
            try spend(parts.count)
            return .strings(parts)
        default:
            return nil
        }
    }

    func regexOrFailure(_ precompiled: VTLRegex?, _ pattern: String) throws(VTLRuntimeError) -> VTLRegex {
        if let precompiled { return precompiled }
        do {
            return try VTLRegex(pattern)
        } catch {
            throw failure("PatternSyntaxException: \(error.message)")
        }
    }

    /// Runs `body` with a matcher over `text`, charging the steps it took; running out of steps
    /// is a step-limit error, a bad replacement a `methodFailed` one.
    mutating func withMatcher<Result>(_ regex: VTLRegex, _ text: String,
                                      _ body: (inout VTLRegexMatcher) throws(VTLRegexFailure) -> Result) throws(VTLRuntimeError) -> Result {
        let budget = max(0, limits.maxSteps - steps)
        var matcher = VTLRegexMatcher(regex, Array(text.unicodeScalars), steps: budget)
        let result: Result
        do {
            result = try body(&matcher)
        } catch {
            switch error {
            case .syntax(let message): throw failure(message)
            case .tooLarge: throw self.error(.outputLimitExceeded(limits.maxOutputBytes))
            }
        }
        steps += budget - max(0, matcher.steps)
        guard !matcher.exhausted else { throw self.error(.stepLimitExceeded(limits.maxSteps)) }
        return result
    }

    // MARK: - List

    mutating func listMethod(_ name: String, _ list: VTLList, _ receiver: VTLValue, _ arguments: [VTLValue]) throws(VTLRuntimeError) -> VTLValue? {
        func element(_ raw: Int64, inclusiveEnd: Bool = false) throws(VTLRuntimeError) -> Int {
            guard raw >= 0, raw < Int64(list.count) + (inclusiveEnd ? 1 : 0) else {
                throw failure("IndexOutOfBoundsException: Index \(raw) out of bounds for length \(list.count)")
            }
            return Int(raw)
        }
        switch (name, arguments.count) {
        case ("size", 0): return .int(Int64(list.count))
        case ("isEmpty", 0): return .bool(list.items.isEmpty)
        case ("get", 1):
            guard case .int(let raw) = arguments[0] else { return nil }
            return list.items[try element(raw)]
        case ("contains", 1):
            try spend(list.count)
            return .bool(list.items.contains { VTLRendering.equal($0, arguments[0]) })
        case ("indexOf", 1):
            try spend(list.count)
            return .int(Int64(list.items.firstIndex { VTLRendering.equal($0, arguments[0]) } ?? -1))
        case ("add", 1):
            list.items.append(arguments[0])
            noteStored(arguments[0], into: receiver)
            return .bool(true)
        case ("add", 2):
            guard case .int(let raw) = arguments[0] else { return nil }
            list.items.insert(arguments[1], at: try element(raw, inclusiveEnd: true))
            noteStored(arguments[1], into: receiver)
            return .null
        case ("set", 2):
            guard case .int(let raw) = arguments[0] else { return nil }
            let index = try element(raw)
            let previous = list.items[index]
            list.items[index] = arguments[1]
            noteStored(arguments[1], into: receiver)
            return previous
        case ("remove", 1):
            if case .int(let raw) = arguments[0] { return list.items.remove(at: try element(raw)) }
            try spend(list.count)
            guard let index = list.items.firstIndex(where: { VTLRendering.equal($0, arguments[0]) }) else { return .bool(false) }
            list.items.remove(at: index)
            return .bool(true)
        case ("addAll", 1):
            guard case .list(let other) = arguments[0] else { return nil }
            try spend(other.count)
            list.items += other.items
            if other.items.contains(where: { if case .list = $0 { return true }; if case .map = $0 { return true }; return false }) {
                mutatedContainers.append(receiver)
            }
            return .bool(!other.items.isEmpty)
        case ("clear", 0):
            list.items.removeAll()
            return .null
        default:
            return nil
        }
    }

    // MARK: - Map

    mutating func mapMethod(_ name: String, _ map: VTLMap, _ receiver: VTLValue, _ arguments: [VTLValue]) throws(VTLRuntimeError) -> VTLValue? {
        switch (name, arguments.count) {
        case ("size", 0): return .int(Int64(map.count))
        case ("isEmpty", 0): return .bool(map.count == 0)
        case ("get", 1): return map.get(arguments[0]) ?? .null
        case ("getOrDefault", 2): return map.get(arguments[0]) ?? arguments[1]
        case ("containsKey", 1): return .bool(map.get(arguments[0]) != nil)
        case ("containsValue", 1):
            try spend(map.count)
            return .bool(map.values.contains { VTLRendering.equal($0, arguments[0]) })
        case ("keySet", 0):
            try spend(map.count)
            return .list(VTLList(map.keys))
        case ("values", 0):
            try spend(map.count)
            return .list(VTLList(map.values))
        case ("entrySet", 0):
            try spend(map.count)
            return .list(VTLList((0..<map.count).map { .host(VTLMapEntry(key: map.keys[$0], value: map.values[$0])) }))
        case ("put", 2):
            noteStored(arguments[1], into: receiver)
            return map.put(arguments[0], arguments[1]) ?? .null
        case ("putAll", 1):
            guard case .map(let other) = arguments[0] else { return nil }
            try spend(other.count)
            for index in 0..<other.count {
                map.put(other.keys[index], other.values[index])
                noteStored(other.values[index], into: receiver)
            }
            return .null
        case ("remove", 1):
            return map.remove(arguments[0]) ?? .null
        case ("clear", 0):
            map.removeAll()
            return .null
        default:
            return nil
        }
    }
}
