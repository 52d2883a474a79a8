/// One compiled `Condition` entry: an operator, a context key and the policy's values for it.
///
/// IAM's evaluation rules ("IAM JSON policy elements: Condition operators", "Conditions with
/// multiple context keys or values"):
/// - several values for one key are OR'ed (NOR'ed for a negated operator);
/// - a key absent from the request makes the condition false, except that negated operators are
///   then true, `…IfExists` is then true, `ForAllValues:` is then true (vacuously) and
///   `ForAnyValue:` false; `Null` tests presence itself (`"true"`: the key is absent);
/// - `ForAnyValue:` needs one request value to satisfy the operator, `ForAllValues:` every one;
///   without a qualifier a multi-valued key behaves like `ForAnyValue:` (negated: no value matches).
/// Keys of one operator and operators of one statement are AND'ed by `PolicyStatement`.
package struct PolicyCondition: Sendable, Equatable {
    /// The policy's values, parsed once for the operator's family.
    enum Values: Sendable, Equatable {
        case patterns([WildcardPattern])
        case numbers([Double])
        case dates([Int64])
        case bools([Bool])
        case ranges([IPAddressRange])
        case arns([ARNPattern])
    }

    package let op: ConditionOperator
    /// The context key, lower-cased.
    package let key: String
    let values: Values

    /// Compiles `values` (JSON strings, numbers and booleans already turned into text) for `op`.
    /// `variables`: the document's version allows `${…}` in string and ARN values.
    init(op: ConditionOperator, name: String, key: String, values raw: [String], variables: Bool, kind: PolicyKind) throws(PolicyCompileError) {
        self.op = op
        self.key = PolicyContext.normalize(key)
        func invalid(_ value: String) -> PolicyCompileError {
            PolicyCompileError(.invalidConditionValue(operator: name, value: value), kind: kind)
        }
        switch op.family {
        case .stringEquals, .stringEqualsIgnoreCase, .stringLike:
            let wildcards = op.family == .stringLike
            let fold = op.family == .stringEqualsIgnoreCase
            values = .patterns(raw.map { WildcardPattern($0, wildcards: wildcards, variables: variables, foldsCase: fold) })
        case .binaryEquals:
            values = .patterns(raw.map { WildcardPattern($0, wildcards: false, variables: false) })
        case .numericEquals, .numericLessThan, .numericLessThanEquals, .numericGreaterThan, .numericGreaterThanEquals:
            var numbers: [Double] = []
            for text in raw {
                guard let number = Self.number(Array(text.utf8)) else { throw invalid(text) }
                numbers.append(number)
            }
            values = .numbers(numbers)
        case .dateEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan, .dateGreaterThanEquals:
            var dates: [Int64] = []
            for text in raw {
                guard let date = PolicyDate.milliseconds(text.utf8) else { throw invalid(text) }
                dates.append(date)
            }
            values = .dates(dates)
        case .bool, .null:
            var bools: [Bool] = []
            for text in raw {
                guard let value = Self.bool(Array(text.utf8)) else { throw invalid(text) }
                bools.append(value)
            }
            values = .bools(bools)
        case .ipAddress:
            var ranges: [IPAddressRange] = []
            for text in raw {
                guard let range = IPAddressRange(text.utf8) else { throw invalid(text) }
                ranges.append(range)
            }
            values = .ranges(ranges)
        case .arnLike:
            values = .arns(raw.map { ARNPattern($0, variables: variables) })
        }
    }

    // MARK: - Evaluation

    /// Whether this condition holds for `context`.
    package func holds(in context: PolicyContext) -> Bool {
        let present = context.values(forLowercasedKey: key)
        if op.family == .null {
            guard case .bools(let expected) = values else { return false }
            let isNull = present == nil
            return expected.contains(isNull)
        }
        guard let present, !present.isEmpty else {
            if op.ifExists { return true }
            switch op.qualifier {
            case .forAllValues: return true
            case .forAnyValue: return false
            case .none: return op.negated
            }
        }
        switch op.qualifier {
        case .none:
            let any = present.contains { matchesAny($0[...], context: context) }
            return op.negated ? !any : any
        case .forAnyValue:
            return present.contains { matchesAny($0[...], context: context) != op.negated }
        case .forAllValues:
            return present.allSatisfy { matchesAny($0[...], context: context) != op.negated }
        }
    }

    /// Whether one request value satisfies the positive operator against any policy value.
    private func matchesAny(_ value: ArraySlice<UInt8>, context: PolicyContext) -> Bool {
        switch values {
        case .patterns(let patterns):
            return patterns.contains { $0.matches(value, context: context) }
        case .numbers(let numbers):
            guard let number = Self.number(value) else { return false }
            return numbers.contains { Self.compare(number, $0, op.family) }
        case .dates(let dates):
            guard let date = PolicyDate.milliseconds(value) else { return false }
            return dates.contains { Self.compare(date, $0, op.family) }
        case .bools(let bools):
            guard let flag = Self.bool(value) else { return false }
            return bools.contains(flag)
        case .ranges(let ranges):
            guard let address = IPAddressRange.Address(value) else { return false }
            return ranges.contains { $0.contains(address) }
        case .arns(let arns):
            return arns.contains { $0.matches(value, context: context) }
        }
    }

    private static func compare<T: Comparable>(_ request: T, _ policy: T, _ family: ConditionOperator.Family) -> Bool {
        switch family {
        case .numericEquals, .dateEquals: return request == policy
        case .numericLessThan, .dateLessThan: return request < policy
        case .numericLessThanEquals, .dateLessThanEquals: return request <= policy
        case .numericGreaterThan, .dateGreaterThan: return request > policy
        case .numericGreaterThanEquals, .dateGreaterThanEquals: return request >= policy
        default: return false
        }
    }

    /// `true` / `false`, any ASCII case.
    static func bool(_ bytes: some Collection<UInt8>) -> Bool? {
        let lowered = bytes.map(WildcardPattern.lower)
        if lowered == Array("true".utf8) { return true }
        if lowered == Array("false".utf8) { return false }
        return nil
    }

    /// A decimal number (`-?digits(.digits)?`, optional exponent), parsed without Foundation.
    static func number(_ bytes: some Collection<UInt8>) -> Double? {
        guard !bytes.isEmpty, bytes.count <= 64 else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 43 || $0 == 46 || $0 == 101 || $0 == 69 }),
              let value = Double(text), value.isFinite else { return nil }
        return value
    }
}
