/// Violation messages in the wording of java-json-tools' `json-schema-validator` (its
/// `validation.properties` bundle), which is what API Gateway's execution logs and
/// `$context.error.validationErrorString` show, e.g. `object has missing required properties
/// (["email","password"])`. Only built on the reporting pass, never for a valid instance.
/// Quoted instance text is cut at `limit` scalars so a message stays small.
enum JSONSchemaMessages {
    static func typeMismatch(found: JSONValue, allowed: JSONSchemaTypes) -> String {
        "instance type (\(found.schemaTypeName)) does not match any allowed primitive type (allowed: \(allowed.listed))"
    }

    static func notInEnum(_ value: JSONValue, _ values: [JSONValue], limit: Int) -> String {
        "instance value (\(clip(value.serialized(), limit))) not found in enum (possible values: \(clip(JSONValue.array(values).serialized(), limit * 4)))"
    }

    static func notMultiple(_ value: Double, _ divisor: Double) -> String {
        "remainder of division is not zero (\(JSONValue.format(value)) / \(JSONValue.format(divisor)))"
    }

    static func tooLarge(_ value: Double, maximum: Double) -> String {
        "numeric instance is greater than the required maximum (maximum: \(JSONValue.format(maximum)), found: \(JSONValue.format(value)))"
    }

    static func notBelow(maximum: Double) -> String {
        "numeric instance is not strictly lower than the required maximum \(JSONValue.format(maximum))"
    }

    static func tooSmall(_ value: Double, minimum: Double) -> String {
        "numeric instance is lower than the required minimum (minimum: \(JSONValue.format(minimum)), found: \(JSONValue.format(value)))"
    }

    static func notAbove(minimum: Double) -> String {
        "numeric instance is not strictly greater than the required minimum \(JSONValue.format(minimum))"
    }

    static func tooLong(_ text: String, length: Int, maximum: Int, limit: Int) -> String {
        "string \"\(clip(text, limit))\" is too long (length: \(length), maximum allowed: \(maximum))"
    }

    static func tooShort(_ text: String, length: Int, minimum: Int, limit: Int) -> String {
        "string \"\(clip(text, limit))\" is too short (length: \(length), required minimum: \(minimum))"
    }

    static func patternMismatch(_ pattern: String, _ text: String, limit: Int) -> String {
        "ECMA 262 regex \"\(pattern)\" does not match input string \"\(clip(text, limit))\""
    }

    /// Our own wording: the regex step budget ran out (fge has no such bound).
    static func patternBudget(_ pattern: String, _ text: String, limit: Int) -> String {
        "ECMA 262 regex \"\(pattern)\" exceeded the matching budget on input string \"\(clip(text, limit))\""
    }

    static func tooManyItems(_ count: Int, maximum: Int) -> String {
        "array is too long: must have at most \(maximum) elements but instance has \(count) elements"
    }

    static func tooFewItems(_ count: Int, minimum: Int) -> String {
        "array is too short: must have at least \(minimum) elements but instance has \(count) elements"
    }

    static let duplicateItems = "array must not contain duplicate elements"

    static func additionalItems(allowed: Int, count: Int) -> String {
        "schema only allows \(allowed) elements in array but instance has \(count) elements"
    }

    static func tooManyProperties(_ count: Int, maximum: Int) -> String {
        "object has too many properties (found \(count) but schema requires at most \(maximum))"
    }

    static func tooFewProperties(_ count: Int, minimum: Int) -> String {
        "object has too few properties (found \(count) but schema requires at least \(minimum))"
    }

    static func missingRequired(_ names: [String], limit: Int) -> String {
        "object has missing required properties (\(clip(list(names), limit * 4)))"
    }

    static func additionalProperties(_ names: [String], limit: Int) -> String {
        "object instance has properties which are not allowed by the schema: \(clip(list(names), limit * 4))"
    }

    static func missingDependencies(_ property: String, requires: [String], missing: [String], limit: Int) -> String {
        "property \"\(clip(property, limit))\" of object has missing property dependencies (schema requires \(list(requires)); missing: \(list(missing)))"
    }

    static func allOf(matched: Int, of count: Int) -> String {
        "instance failed to match all required schemas (matched only \(matched) out of \(count))"
    }

    static func anyOf(_ count: Int) -> String { "instance failed to match at least one required schema among \(count)" }

    static func oneOf(matched: Int, of count: Int) -> String {
        "instance failed to match exactly one schema (matched \(matched) out of \(count))"
    }

    static let not = "instance matched a schema which it should not have"

    /// Our own wording for `JSONSchemaLimits.maxValidationDepth`.
    static func tooDeep(_ limit: Int) -> String { "instance nesting exceeds the validation depth limit (\(limit))" }

    /// `["a","b"]`.
    static func list(_ names: [String]) -> String { JSONValue.array(names.map(JSONValue.string)).serialized() }

    static func clip(_ text: String, _ limit: Int) -> String {
        guard text.utf8.count > limit, text.unicodeScalars.count > limit else { return text }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: text.unicodeScalars.prefix(limit))
        return String(out) + "…"
    }
}
