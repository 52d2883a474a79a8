/// A parsed condition operator name such as `ForAnyValue:StringNotLikeIfExists`.
///
/// The grammar ("IAM JSON policy elements: Condition operators"): an optional set qualifier
/// (`ForAnyValue:` / `ForAllValues:`), an operator, an optional `IfExists` suffix. Operator names
/// are case-sensitive, as IAM's are. Each operator is a family (how one context value is compared
/// with one policy value) and whether it is negated (`StringNotEquals` is `StringEquals` negated:
/// several policy values are OR'ed for the positive form and NOR'ed for the negated one).
package struct ConditionOperator: Sendable, Equatable {
    package enum Family: Sendable, Equatable {
        case stringEquals, stringEqualsIgnoreCase, stringLike
        case numericEquals, numericLessThan, numericLessThanEquals, numericGreaterThan, numericGreaterThanEquals
        case dateEquals, dateLessThan, dateLessThanEquals, dateGreaterThan, dateGreaterThanEquals
        case bool, binaryEquals, ipAddress, arnLike, null
    }

    package enum Qualifier: Sendable, Equatable { case none, forAnyValue, forAllValues }

    package let family: Family
    package let negated: Bool
    package let ifExists: Bool
    package let qualifier: Qualifier

    /// Parses `name`; nil for an unknown operator.
    package init?(_ name: String) {
        var rest = Substring(name)
        var qualifier = Qualifier.none
        if rest.hasPrefix("ForAnyValue:") {
            qualifier = .forAnyValue
            rest = rest.dropFirst("ForAnyValue:".count)
        } else if rest.hasPrefix("ForAllValues:") {
            qualifier = .forAllValues
            rest = rest.dropFirst("ForAllValues:".count)
        }
        var ifExists = false
        if rest.hasSuffix("IfExists") {
            ifExists = true
            rest = rest.dropLast("IfExists".count)
        }
        guard let (family, negated) = Self.table[String(rest)] else { return nil }
        self.family = family
        self.negated = negated
        self.ifExists = ifExists
        self.qualifier = qualifier
    }

    /// Every operator name IAM documents, without qualifier or suffix.
    private static let table: [String: (Family, Bool)] = [
        "StringEquals": (.stringEquals, false), "StringNotEquals": (.stringEquals, true),
        "StringEqualsIgnoreCase": (.stringEqualsIgnoreCase, false), "StringNotEqualsIgnoreCase": (.stringEqualsIgnoreCase, true),
        "StringLike": (.stringLike, false), "StringNotLike": (.stringLike, true),
        "NumericEquals": (.numericEquals, false), "NumericNotEquals": (.numericEquals, true),
        "NumericLessThan": (.numericLessThan, false), "NumericLessThanEquals": (.numericLessThanEquals, false),
        "NumericGreaterThan": (.numericGreaterThan, false), "NumericGreaterThanEquals": (.numericGreaterThanEquals, false),
        "DateEquals": (.dateEquals, false), "DateNotEquals": (.dateEquals, true),
        "DateLessThan": (.dateLessThan, false), "DateLessThanEquals": (.dateLessThanEquals, false),
        "DateGreaterThan": (.dateGreaterThan, false), "DateGreaterThanEquals": (.dateGreaterThanEquals, false),
        "Bool": (.bool, false), "BinaryEquals": (.binaryEquals, false),
        "IpAddress": (.ipAddress, false), "NotIpAddress": (.ipAddress, true),
        "ArnEquals": (.arnLike, false), "ArnLike": (.arnLike, false),
        "ArnNotEquals": (.arnLike, true), "ArnNotLike": (.arnLike, true),
        "Null": (.null, false),
    ]
}
