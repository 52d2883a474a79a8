/// A WebSocket API's `routeSelectionExpression`, compiled once per stage (off the loops) and
/// evaluated over every incoming message.
///
/// AWS's grammar (developer guide, "WebSocket selection expressions"): variables start with `$`,
/// `${…}` marks a variable's bounds (`${request.body.version}-beta`), several variables may appear
/// and are evaluated once (no recursion), `\$` is a literal dollar (`\$default`), everything else is
/// literal text. For route selection the only variables are `$request.body` members:
/// `$request.body.action`, nested `$request.body.a.b`. Any other variable is refused at compile time.
///
/// Evaluation (`key(for:)`): the message must be a JSON object (a message that is not JSON has no
/// key: the `$default` route takes it, as AWS routes non-JSON messages); a member that is a string
/// contributes its text, a number or boolean its JSON text; a missing member, `null`, an object or
/// an array gives no key (→ `$default`). Pure.
package struct WebSocketSelectionExpression: Sendable, Equatable {
    package enum Part: Sendable, Equatable {
        case literal(String)
        /// `$request.body.a.b` → `["a", "b"]`.
        case body([String])
    }

    package let parts: [Part]
    /// The expression as written.
    package let source: String

    /// Compiles `source`; the error is the message for logs and the stage's refusal.
    package static func compile(_ source: String) -> Result<WebSocketSelectionExpression, WebSocketSelectionError> {
        var parts: [Part] = []
        var literal = ""
        var index = source.startIndex
        func flush() {
            if !literal.isEmpty { parts.append(.literal(literal)) }
            literal = ""
        }
        while index < source.endIndex {
            let character = source[index]
            if character == "\\", source.index(after: index) < source.endIndex, source[source.index(after: index)] == "$" {
                literal.append("$")
                index = source.index(index, offsetBy: 2)
                continue
            }
            guard character == "$" else {
                literal.append(character)
                index = source.index(after: index)
                continue
            }
            flush()
            var name: Substring
            let afterDollar = source.index(after: index)
            if afterDollar < source.endIndex, source[afterDollar] == "{" {
                let start = source.index(after: afterDollar)
                guard let close = source[start...].firstIndex(of: "}") else { return .failure(.unclosedBrace) }
                name = source[start..<close]
                index = source.index(after: close)
            } else {
                var end = afterDollar
                while end < source.endIndex, Self.isNameCharacter(source[end]) { end = source.index(after: end) }
                // A trailing dot ends the name (`$request.body.action.` reads `.` as text).
                while end > afterDollar, source[source.index(before: end)] == "." { end = source.index(before: end) }
                name = source[afterDollar..<end]
                index = end
            }
            let pieces = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard pieces.count >= 3, pieces[0] == "request", pieces[1] == "body", !pieces.dropFirst(2).contains(where: \.isEmpty) else {
                return .failure(.unsupportedVariable(String(name)))
            }
            parts.append(.body(Array(pieces.dropFirst(2))))
        }
        flush()
        guard !parts.isEmpty else { return .failure(.empty) }
        return .success(WebSocketSelectionExpression(parts: parts, source: source))
    }

    /// The route key `message` selects, or nil (→ the `$default` route).
    package func key(for message: [UInt8]) -> String? {
        var root: JSONValue?
        func body() -> JSONValue? {
            if root == nil { root = (try? JSONParser.parse(message)) ?? .null }
            return root
        }
        var key = ""
        for part in parts {
            switch part {
            case .literal(let text): key += text
            case .body(let path):
                guard var value = body(), case .object = value else { return nil }
                for name in path {
                    guard case .object(let members) = value, let next = members.last(where: { $0.key == name })?.value else { return nil }
                    value = next
                }
                switch value {
                case .string(let text): key += text
                case .number, .bool: key += value.serialized()
                case .null, .object, .array: return nil
                }
            }
        }
        return key
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "_" || character == ".")
    }
}

/// Why a selection expression cannot be compiled.
package enum WebSocketSelectionError: Error, Sendable, Equatable {
    case empty
    case unclosedBrace
    /// A variable other than `$request.body.…`.
    case unsupportedVariable(String)

    package var message: String {
        switch self {
        case .empty: return "the route selection expression is empty"
        case .unclosedBrace: return "the route selection expression has a ${ without its }"
        case .unsupportedVariable(let name): return "the route selection expression variable $\(name) is not supported (only $request.body.…)"
        }
    }
}
