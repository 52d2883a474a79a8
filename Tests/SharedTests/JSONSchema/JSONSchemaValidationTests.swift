import Testing
@testable import Shared

/// Validation results: API Gateway's (fge's) wording, instance paths, the bounded message list,
/// the depth limit, and the number and string semantics draft 4 leaves to care.
@Suite struct JSONSchemaValidationTests {
    typealias F = JSONSchemaFixtures

    static let messages: [(schema: String, instance: String, path: String, message: String)] = [
        (##"{"required": ["password", "email"]}"##, ##"{"firstName": "a"}"##, "",
         ##"object has missing required properties (["email","password"])"##),
        (##"{"properties": {"age": {"type": "integer"}}}"##, ##"{"age": "x"}"##, "/age",
         ##"instance type (string) does not match any allowed primitive type (allowed: ["integer"])"##),
        (##"{"type": ["string", "null"]}"##, "1.5", "",
         ##"instance type (number) does not match any allowed primitive type (allowed: ["null","string"])"##),
        (##"{"minimum": 18}"##, "5", "", "numeric instance is lower than the required minimum (minimum: 18, found: 5)"),
        (##"{"minimum": 18, "exclusiveMinimum": true}"##, "18", "", "numeric instance is not strictly greater than the required minimum 18"),
        (##"{"maximum": 10}"##, "10.5", "", "numeric instance is greater than the required maximum (maximum: 10, found: 10.5)"),
        (##"{"maximum": 10, "exclusiveMaximum": true}"##, "10", "", "numeric instance is not strictly lower than the required maximum 10"),
        (##"{"multipleOf": 0.01}"##, "19.999", "", "remainder of division is not zero (19.999 / 0.01)"),
        (##"{"enum": ["dog", "cat"]}"##, ##""fish""##, "", ##"instance value ("fish") not found in enum (possible values: ["dog","cat"])"##),
        (##"{"minLength": 3}"##, ##""ab""##, "", ##"string "ab" is too short (length: 2, required minimum: 3)"##),
        (##"{"maxLength": 2}"##, ##""abc""##, "", ##"string "abc" is too long (length: 3, maximum allowed: 2)"##),
        (##"{"pattern": "^[0-9]+$"}"##, ##""12a""##, "", ##"ECMA 262 regex "^[0-9]+$" does not match input string "12a""##),
        (##"{"additionalProperties": false, "properties": {"a": {}}}"##, ##"{"z": 1, "a": 1, "b": 2}"##, "",
         ##"object instance has properties which are not allowed by the schema: ["b","z"]"##),
        (##"{"minProperties": 2}"##, ##"{"a": 1}"##, "", "object has too few properties (found 1 but schema requires at least 2)"),
        (##"{"maxProperties": 0}"##, ##"{"a": 1}"##, "", "object has too many properties (found 1 but schema requires at most 0)"),
        (##"{"dependencies": {"card": ["billing", "cvv"]}}"##, ##"{"card": 1, "cvv": 2}"##, "",
         ##"property "card" of object has missing property dependencies (schema requires ["billing","cvv"]; missing: ["billing"])"##),
        (##"{"maxItems": 1}"##, "[1, 2]", "", "array is too long: must have at most 1 elements but instance has 2 elements"),
        (##"{"minItems": 3}"##, "[1, 2]", "", "array is too short: must have at least 3 elements but instance has 2 elements"),
        (##"{"uniqueItems": true}"##, ##"[{"a": 1, "b": 2}, {"b": 2, "a": 1.0}]"##, "", "array must not contain duplicate elements"),
        (##"{"items": [{}], "additionalItems": false}"##, "[1, 2, 3]", "", "schema only allows 1 elements in array but instance has 3 elements"),
        (##"{"allOf": [{"type": "integer"}, {"minimum": 5}]}"##, "3", "", "instance failed to match all required schemas (matched only 1 out of 2)"),
        (##"{"anyOf": [{"type": "string"}, {"type": "boolean"}]}"##, "3", "", "instance failed to match at least one required schema among 2"),
        (##"{"oneOf": [{"type": "integer"}, {"minimum": 0}]}"##, "3", "", "instance failed to match exactly one schema (matched 2 out of 2)"),
        (##"{"not": {"type": "integer"}}"##, "3", "", "instance matched a schema which it should not have"),
        (##"{"properties": {"items": {"items": {"properties": {"name": {"minLength": 1}}}}}}"##, ##"{"items": [{"name": "a"}, {"name": ""}]}"##,
         "/items/1/name", ##"string "" is too short (length: 0, required minimum: 1)"##),
        (##"{"properties": {"a/b~c": {"type": "string"}}}"##, ##"{"a/b~c": 1}"##, "/a~1b~0c",
         ##"instance type (integer) does not match any allowed primitive type (allowed: ["string"])"##),
    ]

    @Test(arguments: messages)
    func reportsViolationInAPIGatewayWording(schema: String, instance: String, path: String, message: String) throws {
        let result = try F.compile(schema).validate(F.json(instance))
        #expect(result.violations.map(\.message) == [message])
        #expect(result.violations.map(\.instancePath) == [path])
        #expect(result.validationErrorString == "[" + message + "]")
    }

    @Test func collectsEveryViolationOfAnInstanceInOrder() throws {
        let schema = try F.compile(##"{"type": "object", "required": ["id"], "properties": {"age": {"type": "integer", "minimum": 0}, "tags": {"items": {"type": "string"}}}}"##)
        let result = schema.validate(F.json(##"{"age": -1, "tags": ["a", 2]}"##))
        #expect(result.violations.map(\.instancePath) == ["", "/age", "/tags/1"])
        #expect(result.violations.map(\.schemaPath) == ["#/required", "#/properties/age/minimum", "#/properties/tags/items/type"])
        #expect(result.validationErrorString.hasPrefix("[object has missing required properties ([\"id\"]), numeric instance is lower"))
    }

    @Test func keepsAtMostTheLimitOfViolationsAndSaysSo() throws {
        var limits = JSONSchemaLimits()
        limits.maxViolations = 3
        let schema = try F.compile(##"{"items": {"type": "string"}}"##, limits: limits)
        let result = schema.validate(.array(Array(repeating: .number(1), count: 50)))
        #expect(result.violations.count == 3)
        #expect(result.truncated)
        #expect(!schema.validate(.array([.number(1)])).truncated)
    }

    @Test func stopsAtTheDepthLimitInsteadOfRecursingWithoutBound() throws {
        let schema = try F.compile(##"{"items": {"$ref": "#"}}"##)
        #expect(schema.isValid(F.nestedArrays(100)))
        let result = schema.validate(F.nestedArrays(2_000))
        #expect(!result.isValid)
        #expect(result.violations.map(\.message) == ["instance nesting exceeds the validation depth limit (256)"])
        #expect(result.violations.first?.instancePath.count == 2 * 256)
    }

    @Test func givesUpOnCatastrophicBacktrackingWithinTheBudget() throws {
        let schema = try F.compile(##"{"pattern": "^(a+)+$"}"##)
        let result = schema.validate(.string(String(repeating: "a", count: 40) + "b"))
        #expect(result.violations.map(\.message) == [##"ECMA 262 regex "^(a+)+$" exceeded the matching budget on input string "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab""##])
    }

    @Test func quotesLongInstanceStringsCut() throws {
        let schema = try F.compile(##"{"maxLength": 1}"##)
        let message = schema.validate(.string(String(repeating: "x", count: 500))).violations.first?.message ?? ""
        #expect(message == "string \"" + String(repeating: "x", count: 80) + "…\" is too long (length: 500, maximum allowed: 1)")
    }

    // MARK: - Semantics

    @Test(arguments: [
        ("19.99", "0.01", true), ("0.3", "0.1", true), ("0.35", "0.1", false), ("0.0075", "0.0001", true), ("0.00751", "0.0001", false),
        ("1e308", "0.5", true), ("10", "3", false), ("-12", "4", true), ("4.5", "1.5", true), ("1e-7", "1e-8", true), ("0", "7.3", true),
        ("9007199254740993", "2", true), ("123456789.123", "0.001", true),
    ])
    func dividesMultipleOfAsDecimals(value: String, divisor: String, valid: Bool) throws {
        let schema = try F.compile("{\"multipleOf\": \(divisor)}")
        #expect(schema.isValid(F.json(value)) == valid)
    }

    @Test func treatsNumberWithZeroFractionAsInteger() throws {
        let schema = try F.compile(##"{"type": "integer"}"##)
        #expect(schema.isValid(F.json("1.0")))
        #expect(schema.isValid(F.json("-3e2")))
        #expect(!schema.isValid(F.json("1.5")))
    }

    @Test(arguments: [
        ("😀😀", 2, true), ("😀😀😀", 2, false), ("e\u{301}", 1, false), ("é", 1, true), ("日本", 2, true),
    ])
    func countsStringLengthInUnicodeCodePoints(text: String, maxLength: Int, valid: Bool) throws {
        #expect(try F.compile("{\"maxLength\": \(maxLength)}").isValid(.string(text)) == valid)
    }

    @Test func comparesEnumMembersByJSONEquality() throws {
        let schema = try F.compile(##"{"enum": [1, {"a": [1, "x"], "b": null}, "é"]}"##)
        #expect(schema.isValid(F.json("1.0")))
        #expect(schema.isValid(F.json(##"{"b": null, "a": [1.0, "x"]}"##)))
        #expect(!schema.isValid(F.json(##"{"a": ["x", 1], "b": null}"##)))
        #expect(!schema.isValid(.string("e\u{301}")))
        #expect(!schema.isValid(F.json("true")))
    }

    @Test func findsDuplicatesInLongArraysByHash() throws {
        let schema = try F.compile(##"{"uniqueItems": true}"##)
        var items = (0..<500).map { JSONValue.object([("id", .number(Double($0)))]) }
        #expect(schema.isValid(.array(items)))
        items.append(.object([("id", .number(250.0))]))
        #expect(!schema.isValid(.array(items)))
    }

    @Test func ignoresFormat() throws {
        #expect(try F.compile(##"{"format": "email"}"##).isValid(.string("not an email")))
    }

    @Test func agreesBetweenQuietAndReportingPasses() throws {
        let schema = try F.compile(##"{"oneOf": [{"required": ["a"]}, {"required": ["b"]}], "properties": {"a": {"pattern": "^x"}}}"##)
        for text in [##"{"a": "x1"}"##, ##"{"a": "y"}"##, ##"{"a": "x", "b": 1}"##, ##"{}"##, ##"{"b": 2}"##] {
            let value = F.json(text)
            #expect(schema.isValid(value) == schema.validate(value).isValid, "\(text)")
        }
    }
}
