/// Compiles an IAM policy document (JSON) into an immutable `CompiledPolicy`, or a typed error.
///
/// The one reader of the policy language, for the three kinds of document (`PolicyKind`): the
/// control plane runs it to refuse a bad `policy` with 400 before saving, snapshots and IAM users
/// carry its result to the nodes, and the Lambda authorizer step runs it on what a function
/// returns. The grammar is IAM's ("IAM JSON policy element reference"): `Version` (2012-10-17,
/// 2008-10-17 or absent = 2008-10-17), `Id`, `Statement` as one object or a list; per statement
/// `Sid`, `Effect` (`Allow`/`Deny`, exact case), `Principal`/`NotPrincipal`, `Action`/`NotAction`
/// and `Resource`/`NotResource` (a string or a list), and `Condition` (operator → key → one value
/// or a list; numbers and booleans are taken as their text). A repeated JSON key keeps its last
/// value, as AWS's Jackson does. Pure and synchronous; reads JSON through `Shared/JSON`.
package enum PolicyCompiler {
    /// Compiles `bytes`. `apiARN` (`arn:aws:execute-api:{region}:{account}:{apiId}`) expands
    /// API Gateway's `execute-api:/…` resource shorthand in resource policies.
    package static func compile(_ bytes: [UInt8], kind: PolicyKind, apiARN: String? = nil,
                                limits: PolicyLimits = .default) throws(PolicyCompileError) -> CompiledPolicy {
        guard bytes.count <= limits.maxDocumentBytes else {
            throw PolicyCompileError(.limitExceeded("\(bytes.count) bytes, at most \(limits.maxDocumentBytes)"), kind: kind)
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw PolicyCompileError(.syntax("not JSON: \(error.reason) at byte \(error.offset)"), kind: kind)
        }
        return try compile(value, kind: kind, apiARN: apiARN, limits: limits)
    }

    /// Compiles an already parsed document (a Lambda authorizer's `policyDocument`).
    package static func compile(_ document: JSONValue, kind: PolicyKind, apiARN: String? = nil,
                                limits: PolicyLimits = .default) throws(PolicyCompileError) -> CompiledPolicy {
        var builder = Builder(kind: kind, apiARN: apiARN, limits: limits)
        return try builder.document(document.keepingLastOfDuplicateKeys())
    }

    /// The state of one compilation.
    private struct Builder {
        let kind: PolicyKind
        let apiARN: String?
        let limits: PolicyLimits
        var variables = false
        var sids: Set<String> = []

        init(kind: PolicyKind, apiARN: String?, limits: PolicyLimits) {
            self.kind = kind
            self.apiARN = apiARN
            self.limits = limits
        }

        func fail(_ reason: PolicyCompileError.Reason) -> PolicyCompileError { PolicyCompileError(reason, kind: kind) }

        mutating func document(_ value: JSONValue) throws(PolicyCompileError) -> CompiledPolicy {
            guard case .object(let members) = value else { throw fail(.syntax("the document is not a JSON object")) }
            for (key, _) in members where !["Version", "Id", "Statement"].contains(key) {
                throw fail(.syntax("unknown element \(key)"))
            }
            var version = CompiledPolicy.Version.legacy
            switch value["Version"] {
            case nil: break
            case .string("2012-10-17"): version = .current
            case .string("2008-10-17"): version = .legacy
            case .string(let other): throw fail(.unsupportedVersion(other))
            default: throw fail(.syntax("Version is not a string"))
            }
            variables = version == .current
            var id: String?
            switch value["Id"] {
            case nil: break
            case .string(let text): id = text
            default: throw fail(.syntax("Id is not a string"))
            }
            let rawStatements: [JSONValue]
            if let single = value["Statement"], case .object = single {
                rawStatements = [single]
            } else if case .array(let items)? = value["Statement"] {
                rawStatements = items
            } else {
                throw fail(.syntax("Statement is missing or not an object or list"))
            }
            guard !rawStatements.isEmpty else { throw fail(.syntax("Statement is empty")) }
            guard rawStatements.count <= limits.maxStatements else {
                throw fail(.limitExceeded("\(rawStatements.count) statements, at most \(limits.maxStatements)"))
            }
            var statements: [PolicyStatement] = []
            statements.reserveCapacity(rawStatements.count)
            for raw in rawStatements { statements.append(try statement(raw)) }
            return CompiledPolicy(version: version, kind: kind, id: id, statements: statements)
        }

        private static let statementElements: Set<String> = [
            "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition",
        ]

        mutating func statement(_ value: JSONValue) throws(PolicyCompileError) -> PolicyStatement {
            guard case .object(let members) = value else { throw fail(.syntax("a statement is not a JSON object")) }
            for (key, _) in members where !Self.statementElements.contains(key) { throw fail(.syntax("unknown element \(key)")) }
            for (one, other) in [("Action", "NotAction"), ("Resource", "NotResource"), ("Principal", "NotPrincipal")]
            where value[one] != nil && value[other] != nil {
                throw fail(.syntax("both \(one) and \(other)"))
            }
            var sid: String?
            if let raw = value["Sid"] {
                guard case .string(let text) = raw else { throw fail(.syntax("Sid is not a string")) }
                if !text.isEmpty {
                    guard sids.insert(text).inserted else { throw fail(.duplicateSid(text)) }
                }
                sid = text
            }
            let effect = try self.effect(value["Effect"])
            let (principal, principalNegated) = try self.principal(value)
            let actionsNegated = value["Action"] == nil && value["NotAction"] != nil
            let actions = try self.actions(value[actionsNegated ? "NotAction" : "Action"])
            let resourcesNegated = value["Resource"] == nil && value["NotResource"] != nil
            let resources = try self.resources(value[resourcesNegated ? "NotResource" : "Resource"])
            let conditions = try self.conditions(value["Condition"])
            return PolicyStatement(sid: sid, effect: effect, principal: principal, principalNegated: principalNegated,
                                   actions: actions, actionsNegated: actionsNegated, resources: resources,
                                   resourcesNegated: resourcesNegated, conditions: conditions)
        }

        func effect(_ value: JSONValue?) throws(PolicyCompileError) -> PolicyStatement.Effect {
            guard case .string(let text)? = value else { throw fail(.syntax("Effect is missing or not a string")) }
            switch text {
            case "Allow": return .allow
            case "Deny": return .deny
            default:
                let lowered = PolicyContext.normalize(text)
                throw fail(lowered == "allow" || lowered == "deny" ? .effectCase(text) : .syntax("Effect \(text)"))
            }
        }

        func principal(_ statement: JSONValue) throws(PolicyCompileError) -> (PrincipalMatcher?, Bool) {
            let negated = statement["Principal"] == nil && statement["NotPrincipal"] != nil
            guard let raw = statement[negated ? "NotPrincipal" : "Principal"] else {
                if kind == .resource { throw fail(.invalidPrincipal("a statement names no Principal")) }
                return (nil, false)
            }
            if kind == .identity { throw fail(.principalInIdentityPolicy) }
            guard let matcher = PrincipalMatcher(raw, limits: limits) else { throw fail(.invalidPrincipal(raw.serialized())) }
            return (matcher, negated)
        }

        func list(_ value: JSONValue) throws(PolicyCompileError) -> [String] {
            guard let strings = PrincipalMatcher.strings(value) else { throw fail(.syntax("expected a string or a list of strings")) }
            guard strings.count <= limits.maxValuesPerElement else {
                throw fail(.limitExceeded("\(strings.count) values, at most \(limits.maxValuesPerElement)"))
            }
            for text in strings { try checkLength(text) }
            return strings
        }

        /// A required list (`Action`, `Resource`): `missing` when absent or empty.
        func requiredList(_ value: JSONValue?, missing: PolicyCompileError.Reason) throws(PolicyCompileError) -> [String] {
            guard let value else { throw fail(missing) }
            let names = try list(value)
            guard !names.isEmpty else { throw fail(missing) }
            return names
        }

        func checkLength(_ text: String) throws(PolicyCompileError) {
            guard text.utf8.count <= limits.maxPatternBytes else {
                throw fail(.limitExceeded("a \(text.utf8.count)-byte value, at most \(limits.maxPatternBytes)"))
            }
        }

        func actions(_ value: JSONValue?) throws(PolicyCompileError) -> [WildcardPattern] {
            let names = try requiredList(value, missing: .missingActions)
            var patterns: [WildcardPattern] = []
            for name in names {
                if name != "*" {
                    let parts = name.split(separator: ":", omittingEmptySubsequences: false)
                    guard parts.count > 1 else { throw fail(.actionWithoutVendor(name)) }
                    guard parts.count == 2 else { throw fail(.actionWithSeveralColons(name)) }
                    let vendor = parts[0]
                    let validVendor = vendor == "*" || (!vendor.isEmpty && vendor.utf8.allSatisfy { byte in
                        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 45 || byte == 46
                    })
                    guard validVendor else { throw fail(.invalidVendor(String(vendor))) }
                }
                patterns.append(WildcardPattern(name, wildcards: true, variables: false, foldsCase: true))
            }
            return patterns
        }

        func resources(_ value: JSONValue?) throws(PolicyCompileError) -> [ARNPattern] {
            let names = try requiredList(value, missing: .missingResources)
            var patterns: [ARNPattern] = []
            for name in names {
                var resource = name
                if kind == .resource, let apiARN, name.hasPrefix("execute-api:/") {
                    resource = apiARN + name.dropFirst("execute-api:".count)
                }
                guard ARNPattern.isWellFormed(resource) else { throw fail(.resourceNotARN(name)) }
                patterns.append(ARNPattern(resource, variables: variables))
            }
            return patterns
        }

        func conditions(_ value: JSONValue?) throws(PolicyCompileError) -> [PolicyCondition] {
            guard let value else { return [] }
            guard case .object(let operators) = value else { throw fail(.syntax("Condition is not an object")) }
            var conditions: [PolicyCondition] = []
            for (name, block) in operators {
                guard let op = ConditionOperator(name) else { throw fail(.unknownConditionOperator(name)) }
                guard case .object(let keys) = block else { throw fail(.syntax("condition \(name) is not an object")) }
                for (key, raw) in keys {
                    let values = try conditionValues(raw)
                    conditions.append(try PolicyCondition(op: op, name: name, key: key, values: values, variables: variables, kind: kind))
                }
            }
            guard conditions.count <= limits.maxValuesPerElement else {
                throw fail(.limitExceeded("\(conditions.count) condition keys, at most \(limits.maxValuesPerElement)"))
            }
            return conditions
        }

        /// A condition key's values as text: strings, numbers and booleans, alone or in a list.
        func conditionValues(_ value: JSONValue) throws(PolicyCompileError) -> [String] {
            let items: [JSONValue]
            if case .array(let list) = value { items = list } else { items = [value] }
            guard !items.isEmpty else { throw fail(.syntax("a condition key has no values")) }
            guard items.count <= limits.maxValuesPerElement else {
                throw fail(.limitExceeded("\(items.count) condition values, at most \(limits.maxValuesPerElement)"))
            }
            var out: [String] = []
            for item in items {
                switch item {
                case .string(let text):
                    try checkLength(text)
                    out.append(text)
                case .number(let number): out.append(JSONValue.format(number))
                case .bool(let flag): out.append(flag ? "true" : "false")
                default: throw fail(.syntax("a condition value is not a string, number or boolean"))
                }
            }
            return out
        }
    }
}
