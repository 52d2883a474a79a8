import Testing
@testable import Shared

/// The writer's output: its exact shape for common values, the quoting of every string that a
/// YAML 1.1 or 1.2 reader would read as something else, and round trips through our reader.
@Suite struct YAMLWriterTests {
    static func roundTrip(_ value: JSONValue) throws -> JSONValue {
        try YAMLReader.json(Array(YAMLWriter.write(value).utf8))
    }

    @Test func writesBlockStyleInKeyOrder() {
        let value = JSONValue.object([
            ("openapi", .string("3.0.1")),
            ("paths", .object([("/pets", .object([("get", .object([("responses", .object([("200", .object([("description", .string("OK"))]))]))]))]))])),
            ("tags", .array([.string("a"), .object([("name", .string("b")), ("x", .number(1))]), .array([.bool(true), .null])])),
            ("empty", .object([])), ("none", .array([])),
        ])
        #expect(YAMLWriter.write(value) == """
            openapi: "3.0.1"
            paths:
              /pets:
                get:
                  responses:
                    "200":
                      description: OK
            tags:
              - a
              - name: b
                x: 1
              - - true
                - null
            empty: {}
            none: []

            """)
    }

    @Test func writesScalarDocuments() {
        #expect(YAMLWriter.write(.string("x")) == "x\n")
        #expect(YAMLWriter.write(.null) == "null\n")
        #expect(YAMLWriter.write(.array([])) == "[]\n")
    }

    @Test(arguments: [
        "", " lead", "trail ", "yes", "No", "ON", "off", "y", "n", "true", "null", "~", "123", "1.5", "0x1F", "0o7", "1e3", ".inf",
        "2001-12-14", "12:30", "1_000", "-", "- a", "? a", ": a", "a: b", "a #b", "#c", "&a", "*a", "!t", "|", ">", "'q'", "\"q\"",
        "%x", "@x", "`x", "[a]", "{a}", "a,b", "line\nbreak", "tab\there", "bell\u{7}", "nel\u{85}", "ls\u{2028}", "bom\u{FEFF}",
        "=", "<<", "a  b", "é", "back\\slash",
    ])
    func quotesStringsThatWouldReadAsSomethingElse(_ text: String) throws {
        let yaml = YAMLWriter.write(.object([(text, .string(text))]))
        #expect(yaml.hasPrefix("\""), "\(yaml)")
        #expect(try Self.roundTrip(.object([(text, .string(text))])) == .object([(text, .string(text))]))
    }

    @Test(arguments: ["name", "Pets", "$ref", "/pets/items", "application/json", "x-amazon-apigateway-integration", "A pet store", "v1.2", "snake_case"])
    func leavesUnambiguousStringsPlain(_ text: String) {
        #expect(YAMLWriter.write(.object([("k", .string(text))])) == "k: \(text)\n")
    }

    @Test(arguments: [(1e-05, "1.0e-05"), (1e20, "1.0e+20"), (0.5, "0.5"), (-3, "-3"), (Double.infinity, ".inf"), (-Double.infinity, "-.inf")])
    func writesNumbersThatYAML11ReadsAsNumbers(_ number: Double, _ text: String) throws {
        #expect(YAMLWriter.write(.array([.number(number)])) == "- \(text)\n")
        #expect(try Self.roundTrip(.array([.number(number)])) == .array([.number(number)]))
    }

    @Test func roundTripsGeneratedDocuments() throws {
        var generator = SeededGenerator(seed: 12)
        for _ in 0..<300 {
            let value = Self.randomValue(&generator, depth: 0)
            #expect(try Self.roundTrip(value) == value, "\(value.serialized())")
        }
    }

    static let alphabet: [String] = ["a", "B", "0", "9", " ", ":", "#", "-", "?", "'", "\"", "\\", "\n", "\t", "é", "😀", ",", "[", "}", "&", "*", "!", "|", ">", "%", "@", ".", "~", "\u{1}", "\u{7F}"]

    static func randomString(_ generator: inout SeededGenerator) -> String {
        let words = ["yes", "null", "true", "1", "0x1", "1.5", "~", "", "-", "on"]
        if generator.next() % 4 == 0 { return words[Int(generator.next() % UInt64(words.count))] }
        return (0..<Int(generator.next() % 8)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
    }

    static func randomValue(_ generator: inout SeededGenerator, depth: Int) -> JSONValue {
        switch generator.next() % (depth > 3 ? 4 : 6) {
        case 0: return .null
        case 1: return .bool(generator.next() % 2 == 0)
        case 2: return .number([0, -1, 2.5, 1e-7, 123456789, 1e300][Int(generator.next() % 6)])
        case 3: return .string(randomString(&generator))
        case 4: return .array((0..<Int(generator.next() % 4)).map { _ in randomValue(&generator, depth: depth + 1) })
        default:
            var seen: Set<String> = []
            var members: [(key: String, value: JSONValue)] = []
            for _ in 0..<Int(generator.next() % 4) {
                let key = randomString(&generator)
                if seen.insert(key).inserted { members.append((key, randomValue(&generator, depth: depth + 1))) }
            }
            return .object(members)
        }
    }
}
