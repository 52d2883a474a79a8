/// The array and object keywords of `JSONSchemaEvaluator`: the ones that descend into the
/// instance (one depth level per item or member) or apply a subschema to the same instance.
extension JSONSchemaEvaluator {
    mutating func check(_ items: [JSONValue], _ checks: JSONSchemaNode.ArrayChecks, _ node: JSONSchemaNode, depth: Int) -> Bool {
        var ok = true
        if let maximum = checks.maxItems, items.count > maximum {
            ok = fail(node, "maxItems") { _ in JSONSchemaMessages.tooManyItems(items.count, maximum: maximum) }
            guard continuing else { return false }
        }
        if let minimum = checks.minItems, items.count < minimum {
            ok = fail(node, "minItems") { _ in JSONSchemaMessages.tooFewItems(items.count, minimum: minimum) }
            guard continuing else { return false }
        }
        if checks.uniqueItems, !Self.allUnique(items) {
            ok = fail(node, "uniqueItems") { _ in JSONSchemaMessages.duplicateItems }
            guard continuing else { return false }
        }
        switch checks.items {
        case .any:
            break
        case .all(let child):
            for (i, item) in items.enumerated() where !descend(child, item, .index(i), depth: depth) {
                ok = false
                guard continuing else { return false }
            }
        case .tuple(let children):
            for i in 0..<min(children.count, items.count) where !descend(children[i], items[i], .index(i), depth: depth) {
                ok = false
                guard continuing else { return false }
            }
            if items.count > children.count {
                switch checks.additionalItems {
                case .allowed: break
                case .forbidden:
                    ok = fail(node, "additionalItems") { _ in JSONSchemaMessages.additionalItems(allowed: children.count, count: items.count) }
                case .schema(let child):
                    for i in children.count..<items.count where !descend(child, items[i], .index(i), depth: depth) {
                        ok = false
                        guard continuing else { return false }
                    }
                }
            }
        }
        return ok
    }

    mutating func check(_ members: [(key: String, value: JSONValue)], _ value: JSONValue, _ checks: JSONSchemaNode.ObjectChecks,
                        _ node: JSONSchemaNode, depth: Int) -> Bool {
        var ok = true
        if let maximum = checks.maxProperties, members.count > maximum {
            ok = fail(node, "maxProperties") { _ in JSONSchemaMessages.tooManyProperties(members.count, maximum: maximum) }
            guard continuing else { return false }
        }
        if let minimum = checks.minProperties, members.count < minimum {
            ok = fail(node, "minProperties") { _ in JSONSchemaMessages.tooFewProperties(members.count, minimum: minimum) }
            guard continuing else { return false }
        }
        if !checks.required.isEmpty {
            var missing: [String] = []
            for name in checks.required where !Self.has(name, members) {
                guard reporting else { return false }
                missing.append(name)
            }
            if !missing.isEmpty {
                ok = fail(node, "required") { limits in JSONSchemaMessages.missingRequired(missing.sorted(), limit: limits.maxQuotedLength) }
                guard continuing else { return false }
            }
        }
        if checks.checksMembers, !checkMembers(members, checks, node, depth: depth) {
            ok = false
            guard continuing else { return false }
        }
        for (property, requires) in checks.propertyDependencies where Self.has(property, members) {
            let missing = requires.filter { !Self.has($0, members) }
            if !missing.isEmpty {
                ok = fail(node, "dependencies") { limits in JSONSchemaMessages.missingDependencies(property, requires: requires.sorted(), missing: missing.sorted(),
                                                                                        limit: limits.maxQuotedLength) }
                guard continuing else { return false }
            }
        }
        for (property, child) in checks.schemaDependencies where Self.has(property, members) {
            if !evaluate(child, value, depth: depth + 1) {
                ok = false
                guard continuing else { return false }
            }
        }
        return ok
    }

    /// `properties`, `patternProperties` and `additionalProperties` over each member.
    private mutating func checkMembers(_ members: [(key: String, value: JSONValue)], _ checks: JSONSchemaNode.ObjectChecks,
                                       _ node: JSONSchemaNode, depth: Int) -> Bool {
        var ok = true
        var extras: [String] = []
        for member in members {
            var matched = false
            if let child = checks.properties[JSONSchemaKey(member.key)] {
                matched = true
                if !descend(child, member.value, .key(member.key), depth: depth) { ok = false; guard continuing else { return false } }
            }
            for (regex, child) in checks.patternProperties {
                switch regex.search(member.key, budget: &regexBudget, matcher: &matcher) {
                case .noMatch: continue
                case .match: break
                case .budgetExceeded:
                    ok = fail(node, "patternProperties") { limits in JSONSchemaMessages.patternBudget(regex.source, member.key, limit: limits.maxQuotedLength) }
                    guard continuing else { return false }
                    continue
                }
                matched = true
                if !descend(child, member.value, .key(member.key), depth: depth) { ok = false; guard continuing else { return false } }
            }
            guard !matched else { continue }
            switch checks.additionalProperties {
            case .allowed: break
            case .forbidden:
                guard reporting else { return false }
                extras.append(member.key)
            case .schema(let child):
                if !descend(child, member.value, .key(member.key), depth: depth) { ok = false; guard continuing else { return false } }
            }
        }
        if !extras.isEmpty {
            ok = fail(node, "additionalProperties") { limits in JSONSchemaMessages.additionalProperties(extras.sorted(), limit: limits.maxQuotedLength) }
        }
        return ok
    }

    /// Evaluates a part of the instance one level down, with the path extended while reporting.
    private mutating func descend(_ child: Int, _ value: JSONValue, _ token: PathToken, depth: Int) -> Bool {
        guard reporting else { return evaluate(child, value, depth: depth + 1) }
        path.append(token)
        defer { path.removeLast() }
        return evaluate(child, value, depth: depth + 1)
    }

    private static func has(_ name: String, _ members: [(key: String, value: JSONValue)]) -> Bool {
        members.contains { JSONSchemaKey.same($0.key, name) }
    }

    /// `uniqueItems` with JSON equality: pairwise for short arrays, by hash buckets otherwise.
    static func allUnique(_ items: [JSONValue]) -> Bool {
        if items.count <= 16 {
            for i in items.indices {
                for j in (i + 1)..<items.count where items[i].schemaEquals(items[j]) { return false }
            }
            return true
        }
        var buckets: [Int: [Int]] = [:]
        for (i, item) in items.enumerated() {
            var hasher = Hasher()
            item.schemaHash(into: &hasher)
            let hash = hasher.finalize()
            if let others = buckets[hash], others.contains(where: { items[$0].schemaEquals(item) }) { return false }
            buckets[hash, default: []].append(i)
        }
        return true
    }
}
