/// The JSONPath subset `$input.path`/`$input.json` (and later `method.request.body.…`) accept,
/// over `JSONValue`: pure, no Foundation.
///
/// Supported: `$` (the whole document; a path without it is taken as relative to `$`),
/// `.name`, `['name']`/`["name"]`, `[n]` (negative counts from the end), `[*]`/`.*`,
/// `..name` and `..*` (recursive descent, as Jayway JsonPath, which API Gateway's engine uses),
/// and unions `['a','b']`/`[0,2]`. Filters `[?(…)]`, slices `[a:b]` and functions are refused with
/// a `SyntaxError`. A path with a wildcard, descent or union is *indefinite*: its result is the
/// array of every match; otherwise it names at most one value.
package struct VTLJSONPath: Sendable, Equatable {
    package struct SyntaxError: Error, Equatable, Sendable {
        package let message: String
    }

    enum Step: Sendable, Equatable {
        case child(String)
        case index(Int)
        case union([UnionMember])
        case wildcard
        case descendant(String)
        case descendantWildcard
    }

    enum UnionMember: Sendable, Equatable {
        case name(String)
        case index(Int)
    }

    let steps: [Step]

    /// Whether the path can match more than one value.
    package var isIndefinite: Bool {
        steps.contains { step in
            switch step {
            case .child, .index: return false
            default: return true
            }
        }
    }

    package init(_ text: String) throws(SyntaxError) {
        let scalars = Array(text.unicodeScalars)
        var i = 0
        func skipSpaces() { while i < scalars.count, scalars[i] == " " { i += 1 } }
        skipSpaces()
        var steps: [Step] = []
        if i < scalars.count, scalars[i] == "$" { i += 1 } else if i < scalars.count, scalars[i] != "." && scalars[i] != "[" {
            steps.append(.child(Self.name(scalars, &i)))
        }
        while i < scalars.count {
            switch scalars[i] {
            case ".":
                if i + 1 < scalars.count, scalars[i + 1] == "." {
                    i += 2
                    if i < scalars.count, scalars[i] == "*" { i += 1; steps.append(.descendantWildcard); continue }
                    if i < scalars.count, scalars[i] == "[" {
                        guard case .union(let members) = try Self.bracket(scalars, &i), members.count == 1, case .name(let name) = members[0] else {
                            throw SyntaxError(message: "Unsupported path after '..'")
                        }
                        steps.append(.descendant(name))
                        continue
                    }
                    let name = Self.name(scalars, &i)
                    guard !name.isEmpty else { throw SyntaxError(message: "Path must not end with '..'") }
                    steps.append(.descendant(name))
                } else {
                    i += 1
                    if i < scalars.count, scalars[i] == "*" { i += 1; steps.append(.wildcard); continue }
                    let name = Self.name(scalars, &i)
                    guard !name.isEmpty else { throw SyntaxError(message: "Path must not end with a '.'") }
                    steps.append(.child(name))
                }
            case "[":
                steps.append(try Self.bracket(scalars, &i))
            case " ":
                i += 1
            default:
                throw SyntaxError(message: "Unexpected '\(scalars[i])' at \(i)")
            }
        }
        self.steps = steps
    }

    private static func name(_ scalars: [Unicode.Scalar], _ i: inout Int) -> String {
        var name = String.UnicodeScalarView()
        while i < scalars.count, scalars[i] != ".", scalars[i] != "[", scalars[i] != " " {
            name.append(scalars[i])
            i += 1
        }
        return String(name)
    }

    private static func bracket(_ scalars: [Unicode.Scalar], _ i: inout Int) throws(SyntaxError) -> Step {
        i += 1
        var members: [UnionMember] = []
        while true {
            while i < scalars.count, scalars[i] == " " { i += 1 }
            guard i < scalars.count else { throw SyntaxError(message: "Unclosed '['") }
            let scalar = scalars[i]
            if scalar == "*", members.isEmpty {
                i += 1
                while i < scalars.count, scalars[i] == " " { i += 1 }
                guard i < scalars.count, scalars[i] == "]" else { throw SyntaxError(message: "Expected ']'") }
                i += 1
                return .wildcard
            } else if scalar == "'" || scalar == "\"" {
                i += 1
                var name = String.UnicodeScalarView()
                while i < scalars.count, scalars[i] != scalar {
                    if scalars[i] == "\\", i + 1 < scalars.count { i += 1 }
                    name.append(scalars[i])
                    i += 1
                }
                guard i < scalars.count else { throw SyntaxError(message: "Unterminated quoted name") }
                i += 1
                members.append(.name(String(name)))
            } else if scalar == "-" || (scalar.value >= 0x30 && scalar.value <= 0x39) {
                var digits = String(scalar)
                i += 1
                while i < scalars.count, scalars[i].value >= 0x30, scalars[i].value <= 0x39 { digits.unicodeScalars.append(scalars[i]); i += 1 }
                guard let index = Int(digits), index > -(1 << 40), index < 1 << 40 else { throw SyntaxError(message: "Invalid index \(digits)") }
                members.append(.index(index))
            } else {
                throw SyntaxError(message: "Unsupported bracket expression (filters, slices and functions are not supported)")
            }
            while i < scalars.count, scalars[i] == " " { i += 1 }
            guard i < scalars.count else { throw SyntaxError(message: "Unclosed '['") }
            if scalars[i] == "," { i += 1; continue }
            guard scalars[i] == "]" else { throw SyntaxError(message: "Expected ']'") }
            i += 1
            if members.count == 1 {
                switch members[0] {
                case .name(let name): return .child(name)
                case .index(let index): return .index(index)
                }
            }
            return .union(members)
        }
    }

    /// Every value the path matches in `document`, in document order.
    package func matches(in document: JSONValue) -> [JSONValue] {
        var current = [document]
        for step in steps {
            var next: [JSONValue] = []
            for value in current { Self.apply(step, to: value, into: &next) }
            current = next
            if current.isEmpty { break }
        }
        return current
    }

    /// The one value of a definite path (nil when absent), or the array of all matches of an
    /// indefinite one.
    package func evaluate(_ document: JSONValue) -> JSONValue? {
        let found = matches(in: document)
        if isIndefinite { return .array(found) }
        return found.first
    }

    private static func apply(_ step: Step, to value: JSONValue, into out: inout [JSONValue]) {
        switch step {
        case .child(let name):
            if let member = value[name] { out.append(member) }
        case .index(let index):
            if case .array(let items) = value {
                let resolved = index < 0 ? items.count + index : index
                if resolved >= 0, resolved < items.count { out.append(items[resolved]) }
            }
        case .union(let members):
            for member in members {
                switch member {
                case .name(let name): apply(.child(name), to: value, into: &out)
                case .index(let index): apply(.index(index), to: value, into: &out)
                }
            }
        case .wildcard:
            switch value {
            case .array(let items): out += items
            case .object(let members): out += members.map(\.value)
            default: break
            }
        case .descendant(let name):
            descend(value, depth: 0, into: &out) { node, out in if let member = node[name] { out.append(member) } }
        case .descendantWildcard:
            descend(value, depth: 0, into: &out) { node, out in apply(.wildcard, to: node, into: &out) }
        }
    }

    /// Visits `value` and everything below it (depth-first, document order).
    private static func descend(_ value: JSONValue, depth: Int, into out: inout [JSONValue],
                                _ visit: (JSONValue, inout [JSONValue]) -> Void) {
        guard depth < JSONParser.maxDepth else { return }
        visit(value, &out)
        switch value {
        case .array(let items): for item in items { descend(item, depth: depth + 1, into: &out, visit) }
        case .object(let members): for member in members { descend(member.value, depth: depth + 1, into: &out, visit) }
        default: break
        }
    }
}
