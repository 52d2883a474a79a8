/// One validation walk over an instance. Quiet mode (`reporting == false`) returns at the first
/// failure and builds no messages; reporting mode keeps going to collect up to
/// `maxViolations`, tracking the instance path. Subschemas of `allOf`/`anyOf`/`oneOf`/`not` are
/// always evaluated quietly: like the validator API Gateway uses, they yield one message for the
/// combinator, not their own. Runs on the caller's thread for one call.
struct JSONSchemaEvaluator {
    enum PathToken { case key(String), index(Int) }

    private let nodes: [JSONSchemaNode]
    let limits: JSONSchemaLimits
    private(set) var reporting: Bool
    var path: [PathToken] = []
    var regexBudget: Int
    var matcher = ECMARegexMatcher()
    private(set) var violations: [JSONSchemaViolation] = []
    private(set) var truncated = false

    init(nodes: [JSONSchemaNode], limits: JSONSchemaLimits, reporting: Bool) {
        self.nodes = nodes
        self.limits = limits
        self.reporting = reporting
        self.regexBudget = limits.regexStepBudget
    }

    /// Whether evaluation should go on after a failure (reporting, with room for more messages).
    var continuing: Bool { reporting && !truncated }

    /// Records a violation when reporting; always returns false.
    mutating func fail(_ node: JSONSchemaNode, _ keyword: String, _ message: (JSONSchemaLimits) -> String) -> Bool {
        guard reporting else { return false }
        guard violations.count < limits.maxViolations else { truncated = true; return false }
        violations.append(JSONSchemaViolation(instancePath: renderedPath(), schemaPath: node.location + "/" + keyword,
                                              keyword: keyword, message: message(limits)))
        return false
    }

    private func renderedPath() -> String {
        var out = ""
        for token in path {
            out += "/"
            switch token {
            case .key(let key): out += JSONPointer.escape(key)
            case .index(let index): out += String(index)
            }
        }
        return out
    }

    /// Whether `value` satisfies node `index`. `depth` counts recursion, bounded by the limits.
    mutating func evaluate(_ index: Int, _ value: JSONValue, depth: Int) -> Bool {
        let node = nodes[index]
        guard depth < limits.maxValidationDepth else { return fail(node, "") { limits in JSONSchemaMessages.tooDeep(limits.maxValidationDepth) } }
        var ok = true
        if let types = node.types, !types.admits(value) {
            ok = fail(node, "type") { _ in JSONSchemaMessages.typeMismatch(found: value, allowed: types) }
            guard continuing else { return false }
        }
        if let enumeration = node.enumeration, !enumeration.contains(value) {
            ok = fail(node, "enum") { limits in JSONSchemaMessages.notInEnum(value, enumeration.values, limit: limits.maxQuotedLength) }
            guard continuing else { return false }
        }
        switch value {
        case .number(let number):
            if let checks = node.number, !check(number, checks, node) { ok = false; guard continuing else { return false } }
        case .string(let text):
            if let checks = node.string, !check(text, checks, node) { ok = false; guard continuing else { return false } }
        case .array(let items):
            if let checks = node.array, !check(items, checks, node, depth: depth) { ok = false; guard continuing else { return false } }
        case .object(let members):
            if let checks = node.object, !check(members, value, checks, node, depth: depth) { ok = false; guard continuing else { return false } }
        case .null, .bool:
            break
        }
        if !node.allOf.isEmpty || !node.anyOf.isEmpty || !node.oneOf.isEmpty || node.not != nil {
            if !combinators(node, value, depth: depth) { ok = false }
        }
        return ok
    }

    /// A subschema evaluated quietly, whatever the mode.
    mutating func quietly(_ index: Int, _ value: JSONValue, depth: Int) -> Bool {
        let saved = reporting
        reporting = false
        defer { reporting = saved }
        return evaluate(index, value, depth: depth)
    }

    private mutating func combinators(_ node: JSONSchemaNode, _ value: JSONValue, depth: Int) -> Bool {
        var ok = true
        if !node.allOf.isEmpty {
            var matched = 0
            for child in node.allOf {
                if quietly(child, value, depth: depth + 1) { matched += 1 } else if !reporting { return false }
            }
            if matched < node.allOf.count {
                ok = fail(node, "allOf") { _ in JSONSchemaMessages.allOf(matched: matched, of: node.allOf.count) }
                guard continuing else { return false }
            }
        }
        if !node.anyOf.isEmpty {
            var any = false
            for child in node.anyOf where quietly(child, value, depth: depth + 1) { any = true; break }
            if !any {
                ok = fail(node, "anyOf") { _ in JSONSchemaMessages.anyOf(node.anyOf.count) }
                guard continuing else { return false }
            }
        }
        if !node.oneOf.isEmpty {
            var matched = 0
            for child in node.oneOf where quietly(child, value, depth: depth + 1) {
                matched += 1
                if matched > 1 && !reporting { return false }
            }
            if matched != 1 {
                ok = fail(node, "oneOf") { _ in JSONSchemaMessages.oneOf(matched: matched, of: node.oneOf.count) }
                guard continuing else { return false }
            }
        }
        if let not = node.not, quietly(not, value, depth: depth + 1) {
            ok = fail(node, "not") { _ in JSONSchemaMessages.not }
        }
        return ok
    }

    // MARK: - Numbers and strings

    private mutating func check(_ number: Double, _ checks: JSONSchemaNode.NumberChecks, _ node: JSONSchemaNode) -> Bool {
        var ok = true
        if let (divisor, decimal) = checks.multipleOf, !Self.isMultiple(number, divisor, decimal) {
            ok = fail(node, "multipleOf") { _ in JSONSchemaMessages.notMultiple(number, divisor) }
            guard continuing else { return false }
        }
        if let maximum = checks.maximum {
            if checks.exclusiveMaximum, !(number < maximum) {
                ok = fail(node, "maximum") { _ in JSONSchemaMessages.notBelow(maximum: maximum) }
            } else if !(number <= maximum) {
                ok = fail(node, "maximum") { _ in JSONSchemaMessages.tooLarge(number, maximum: maximum) }
            }
            guard ok || continuing else { return false }
        }
        if let minimum = checks.minimum {
            if checks.exclusiveMinimum, !(number > minimum) {
                ok = fail(node, "minimum") { _ in JSONSchemaMessages.notAbove(minimum: minimum) }
            } else if !(number >= minimum) {
                ok = fail(node, "minimum") { _ in JSONSchemaMessages.tooSmall(number, minimum: minimum) }
            }
        }
        return ok
    }

    /// Integers by integer remainder; everything else as decimals (`JSONSchemaDecimal`).
    static func isMultiple(_ number: Double, _ divisor: Double, _ decimal: JSONSchemaDecimal) -> Bool {
        let exact = 9_007_199_254_740_992.0
        if decimal.exponent >= 0, divisor < exact, abs(number) < exact, JSONSchemaTypes.isInteger(number) {
            return Int64(number) % Int64(divisor) == 0
        }
        guard let value = JSONSchemaDecimal(number) else { return false }
        return value.isMultiple(of: decimal)
    }

    private mutating func check(_ text: String, _ checks: JSONSchemaNode.StringChecks, _ node: JSONSchemaNode) -> Bool {
        var ok = true
        // Lengths count Unicode scalars (code points); the UTF-8 length bounds them cheaply first.
        let bytes = text.utf8.count
        if let maximum = checks.maxLength, bytes > maximum {
            let length = text.unicodeScalars.count
            if length > maximum {
                ok = fail(node, "maxLength") { limits in JSONSchemaMessages.tooLong(text, length: length, maximum: maximum, limit: limits.maxQuotedLength) }
                guard continuing else { return false }
            }
        }
        if let minimum = checks.minLength, bytes < minimum * 4 {
            let length = bytes < minimum ? bytes : text.unicodeScalars.count
            if length < minimum {
                ok = fail(node, "minLength") { limits in JSONSchemaMessages.tooShort(text, length: text.unicodeScalars.count, minimum: minimum, limit: limits.maxQuotedLength) }
                guard continuing else { return false }
            }
        }
        if let regex = checks.pattern {
            switch regex.search(text, budget: &regexBudget, matcher: &matcher) {
            case .match: break
            case .noMatch: ok = fail(node, "pattern") { limits in JSONSchemaMessages.patternMismatch(regex.source, text, limit: limits.maxQuotedLength) }
            case .budgetExceeded: ok = fail(node, "pattern") { limits in JSONSchemaMessages.patternBudget(regex.source, text, limit: limits.maxQuotedLength) }
            }
        }
        return ok
    }
}
