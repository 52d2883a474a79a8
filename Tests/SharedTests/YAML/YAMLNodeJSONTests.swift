import Testing
@testable import Shared

/// The conversion to JSON: core-schema resolution of plain scalars, tags, and the key rules an
/// OpenAPI importer relies on.
@Suite struct YAMLNodeJSONTests {
    static func value(_ yaml: String, options: YAMLJSONOptions = YAMLJSONOptions()) throws -> JSONValue {
        try YAMLReader.json(Array(yaml.utf8), options: options)
    }

    @Test(arguments: [
        ("null", JSONValue.null), ("Null", .null), ("NULL", .null), ("~", .null), ("", .null),
        ("true", .bool(true)), ("True", .bool(true)), ("FALSE", .bool(false)),
        ("0", .number(0)), ("-12", .number(-12)), ("+7", .number(7)), ("0o17", .number(15)), ("0x1F", .number(31)),
        ("1.5", .number(1.5)), ("-.5", .number(-0.5)), ("1e3", .number(1000)), ("2.5E-1", .number(0.25)), ("1.", .number(1)),
        (".inf", .number(.infinity)), ("-.Inf", .number(-.infinity)),
        // YAML 1.1 forms that the 1.2 core schema reads as strings.
        ("yes", .string("yes")), ("off", .string("off")), ("0b101", .string("0b101")), ("1_000", .string("1_000")),
        ("010", .number(10)), ("1:20", .string("1:20")), ("2001-12-14", .string("2001-12-14")), ("nULL", .string("nULL")),
        ("tRUE", .string("tRUE")), ("0x", .string("0x")), ("1e", .string("1e")), (".", .string(".")), ("-x", .string("-x")),
        ("0x1p3", .string("0x1p3")), ("infinity", .string("infinity")), ("nan", .string("nan")),
    ])
    func resolvesPlainScalarsWithTheCoreSchema(_ text: String, _ expected: JSONValue) throws {
        #expect(try Self.value("- \(text)\n") == .array([expected]), "\(text)")
    }

    @Test func readsNaN() throws {
        guard case .array(let items) = try Self.value("[.nan, .NaN]"), case .number(let a) = items[0], case .number(let b) = items[1] else {
            Issue.record("not numbers"); return
        }
        #expect(a.isNaN && b.isNaN)
    }

    @Test func honoursCoreTagsAndRefusesValuesThatDoNotFit() throws {
        #expect(try Self.value("[!!null '', !!bool 'true', !!int \"3\", !!str true, !!binary aGk=]")
            == .array([.null, .bool(true), .number(3), .string("true"), .string("aGk=")]))
        #expect(throws: YAMLError(line: 1, column: 2, message: "\"x\" is not a number")) { try Self.value("[!!int x]") }
        #expect(throws: YAMLError(line: 1, column: 2, message: "\"yes\" is not a !!bool")) { try Self.value("[!!bool yes]") }
    }

    @Test func refusesDuplicateKeysAtTheSecondKey() {
        #expect(throws: YAMLError(line: 3, column: 1, message: "duplicate mapping key \"a\"")) { try Self.value("a: 1\nb: 2\na: 3\n") }
        #expect(throws: YAMLError(line: 1, column: 8, message: "duplicate mapping key \"1\"")) { try Self.value("{1: x, '1': y}") }
    }

    @Test func refusesKeysJSONCannotHold() {
        #expect(throws: YAMLError(line: 1, column: 3, message: "a sequence or mapping cannot be a JSON object key")) { try Self.value("? [a]\n: b\n") }
        #expect(throws: YAMLError(line: 1, column: 1, message: "a null mapping key cannot be a JSON object key")) { try Self.value(": b\n") }
    }

    @Test func strictKeysRefuseNumberAndBooleanKeys() throws {
        let strict = YAMLJSONOptions(strictKeys: true)
        #expect(throws: YAMLError(line: 1, column: 1, message: "the mapping key 200 is not a string; quote it")) { try Self.value("200: ok\n", options: strict) }
        #expect(try Self.value("'200': ok\n", options: strict) == .object([("200", .string("ok"))]))
        #expect(try Self.value("true: x\n") == .object([("true", .string("x"))]))
    }

    @Test func expandsAliasesInTheJSON() throws {
        #expect(try Self.value("a: &x {k: [1]}\nb: *x\n") == .object([("a", .object([("k", .array([.number(1)]))])), ("b", .object([("k", .array([.number(1)]))]))]))
    }
}
