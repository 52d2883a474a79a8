import Foundation
import Testing
@testable import Shared

/// Runs every case of the yaml-test-suite (data release 2022-01-17, MIT; vendored compactly in
/// `yaml-test-suite/cases.json` by `yaml-test-suite/vendor.py`).
///
/// A case that must load has to produce exactly the suite's event stream (`test.event`, the
/// libyaml-style dump with anchors, tags and styles) and, where the suite gives `in.json`, the
/// same JSON documents (object keys compared as sets: some `in.json` files reorder them); a case
/// marked `error` has to fail.
///
/// Result (2026-12-02): all 402 cases pass — 308 that load (every event stream matches, and the
/// 279 with `in.json` match it) and 94 that must fail; `skipped` is empty. Tags beyond the core
/// schema (`!!binary`, `!!set`, `!!omap`, `!local`, `tag:clarkevans.com,2002:…`) appear in the
/// events as written and convert to JSON as the node's plain structure: a tagged scalar keeps
/// its text as a string (so `!!binary` stays Base64), a tagged collection stays a collection.
@Suite struct YAMLConformanceTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let id: String
        let name: String
        let yaml: String
        let events: String
        let error: Bool
        let json: JSONValue?
        var testDescription: String { "\(id) \(name)" }
    }

    /// Cases the reader does not pass, with the reason; kept out of the assertions.
    static let skipped: [String: String] = [:]

    static let cases: [Case] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("yaml-test-suite/cases.json")
        guard let data = FileManager.default.contents(atPath: url.path),
              case .array(let items)? = try? JSONParser.parse(Array(data)) else { return [] }
        return items.compactMap { item in
            guard case .string(let id)? = item["id"], case .string(let name)? = item["name"],
                  case .string(let yaml)? = item["yaml"], case .string(let events)? = item["events"],
                  case .bool(let error)? = item["error"] else { return nil }
            let json: JSONValue? = item["json"] == .null ? nil : item["json"]
            return Case(id: id, name: name, yaml: yaml, events: events, error: error, json: json)
        }
    }()

    /// The suite's event dump of our events.
    static func dump(_ events: [YAMLEvent]) -> String {
        func properties(_ anchor: String?, _ tag: String?) -> String {
            (anchor.map { " &\($0)" } ?? "") + (tag.map { " <\($0)>" } ?? "")
        }
        func escape(_ text: String) -> String {
            var out = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                case "\u{08}": out += "\\b"
                case "\r": out += "\\r"
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out
        }
        var lines: [String] = []
        for event in events {
            switch event {
            case .streamStart: lines.append("+STR")
            case .streamEnd: lines.append("-STR")
            case .documentStart(let explicit): lines.append(explicit ? "+DOC ---" : "+DOC")
            case .documentEnd(let explicit): lines.append(explicit ? "-DOC ..." : "-DOC")
            case .sequenceStart(let anchor, let tag, let flow, _): lines.append("+SEQ" + (flow ? " []" : "") + properties(anchor, tag))
            case .sequenceEnd: lines.append("-SEQ")
            case .mappingStart(let anchor, let tag, let flow, _): lines.append("+MAP" + (flow ? " {}" : "") + properties(anchor, tag))
            case .mappingEnd: lines.append("-MAP")
            case .alias(let name, _): lines.append("=ALI *\(name)")
            case .scalar(let value, let style, let anchor, let tag, _):
                let indicator: String
                switch style {
                case .plain: indicator = ":"
                case .singleQuoted: indicator = "'"
                case .doubleQuoted: indicator = "\""
                case .literal: indicator = "|"
                case .folded: indicator = ">"
                }
                lines.append("=VAL" + properties(anchor, tag) + " " + indicator + escape(value))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The suite's `in.json` files do not always keep the document's key order.
    static func sortedKeys(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let items): return .array(items.map(sortedKeys))
        case .object(let members): return .object(members.map { ($0.key, sortedKeys($0.value)) }.sorted { $0.0 < $1.0 })
        default: return value
        }
    }

    /// nil when the case passes, otherwise why not.
    static func failure(of testCase: Case) -> String? {
        let bytes = Array(testCase.yaml.utf8)
        if testCase.error {
            do {
                let documents = try YAMLReader.documents(bytes)
                return "loaded \(documents.count) document(s) but the suite expects an error"
            } catch {
                return nil
            }
        }
        do {
            let events = dump(try YAMLReader.events(bytes))
            guard events == testCase.events else { return "events differ:\n\(events)\nexpected:\n\(testCase.events)" }
            guard let expected = testCase.json else { return nil }
            let documents = try YAMLReader.documents(bytes).map { node throws(YAMLError) in try node.json() }
            guard sortedKeys(.array(documents)) == sortedKeys(expected) else {
                return "JSON differs: \(JSONValue.array(documents).serialized()) expected \(expected.serialized())"
            }
            return nil
        } catch {
            return "failed: \(error)"
        }
    }

    @Test func theVendoredSuiteIsComplete() {
        #expect(Self.cases.count == 402)
        #expect(Self.cases.filter(\.error).count == 94)
    }

    @Test(arguments: cases.filter { skipped[$0.id] == nil })
    func passesTheYAMLTestSuite(_ testCase: Case) {
        let failure = Self.failure(of: testCase)
        #expect(failure == nil, "\(testCase.id) \(testCase.name): \(failure ?? "")")
    }

    /// A skipped case that starts passing should leave the list.
    @Test(arguments: cases.filter { skipped[$0.id] != nil })
    func skippedCasesStillFail(_ testCase: Case) {
        #expect(Self.failure(of: testCase) != nil, "\(testCase.id) passes now; remove it from `skipped`")
    }
}
