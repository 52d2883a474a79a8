/// The value of one HTTP API parameter mapping (AWS developer guide, "Transform API requests and
/// responses for HTTP APIs"), compiled once per snapshot into pieces the data plane concatenates.
///
/// A value is static text with any number of expressions in it, each written `$name` (running to
/// the next space, `$` or the end) or `${name}` (for mixtures: `${request.path.a} ${request.path.b}`).
/// Request side: `request.header.X` (repeated values joined by `,`), `request.querystring.X`
/// (likewise), `request.body` / `request.body.PATH` (a JSONPath without recursive descent or
/// filters), `request.path` (after the stage), `request.path.X` (a path parameter),
/// `context.X` (letters, digits, `.` and `_` only), `stageVariables.X`. Response side:
/// `response.header.X`, `response.body` / `response.body.PATH`, `context.X`, `stageVariables.X`.
/// A `$` not starting one of these is text. Pure.
package struct HttpMappingValue: Sendable, Equatable {
    package enum Piece: Sendable, Equatable {
        case text(String)
        case requestHeader(String)
        case requestQuery(String)
        /// nil: the whole body.
        case requestBody(VTLJSONPath?)
        case requestPath
        case requestPathParameter(String)
        case responseHeader(String)
        /// nil: the whole body.
        case responseBody(VTLJSONPath?)
        case context(String)
        case stageVariable(String)
    }

    /// Which message a mapping reads: request mappings may not name the response, and back.
    package enum Side: Sendable { case request, response }

    package let pieces: [Piece]

    package init(pieces: [Piece]) { self.pieces = pieces }

    /// Compiles `text`; the error's message is the admin API's 400.
    package static func compile(_ text: String, side: Side) throws(HttpMappingError) -> HttpMappingValue {
        var pieces: [Piece] = []
        var literal = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            literal += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            let name: Substring
            let remainder: Substring
            if after.first == "{" {
                guard let close = after.firstIndex(of: "}") else { throw HttpMappingError("Invalid mapping expression specified: \(text)") }
                name = after[after.index(after: after.startIndex)..<close]
                remainder = after[after.index(after: close)...]
            } else {
                let end = after.firstIndex(where: { $0 == " " || $0 == "$" }) ?? after.endIndex
                name = after[..<end]
                remainder = after[end...]
            }
            if let piece = try piece(name, side: side, whole: text) {
                if !literal.isEmpty { pieces.append(.text(literal)); literal = "" }
                pieces.append(piece)
                rest = remainder
            } else {
                literal += "$"
                rest = after
            }
        }
        literal += rest
        if !literal.isEmpty { pieces.append(.text(literal)) }
        return HttpMappingValue(pieces: pieces)
    }

    /// The piece `name` (without `$`/braces) names; nil when it names no source (then it is text).
    private static func piece(_ name: Substring, side: Side, whole: String) throws(HttpMappingError) -> Piece? {
        func suffix(_ prefix: String) -> String? {
            guard name.hasPrefix(prefix) else { return nil }
            return String(name.dropFirst(prefix.count))
        }
        func nonEmpty(_ value: String) throws(HttpMappingError) -> String {
            guard !value.isEmpty, !value.utf8.contains(where: { $0 < 0x21 || $0 > 0x7E }) else {
                throw HttpMappingError("Invalid mapping expression specified: \(whole)")
            }
            return value
        }
        func path(_ text: String) throws(HttpMappingError) -> VTLJSONPath {
            guard !text.hasPrefix("."), !text.contains("..") else { throw HttpMappingError("Invalid mapping expression specified: \(whole)") }
            do { return try VTLJSONPath("$." + text) } catch { throw HttpMappingError("Invalid mapping expression specified: \(whole)") }
        }
        if name.hasPrefix("request.") || name == "request" {
            guard side == .request else { throw HttpMappingError("Invalid mapping expression specified: \(whole). A response mapping cannot read the request") }
            if let header = suffix("request.header.") { return .requestHeader(try nonEmpty(header)) }
            if let query = suffix("request.querystring.") { return .requestQuery(try nonEmpty(query)) }
            if name == "request.body" { return .requestBody(nil) }
            if let body = suffix("request.body.") { return .requestBody(try path(body)) }
            if name == "request.path" { return .requestPath }
            if let parameter = suffix("request.path.") { return .requestPathParameter(try nonEmpty(parameter)) }
            throw HttpMappingError("Invalid mapping expression specified: \(whole)")
        }
        if name.hasPrefix("response.") || name == "response" {
            guard side == .response else { throw HttpMappingError("Invalid mapping expression specified: \(whole). A request mapping cannot read the response") }
            if let header = suffix("response.header.") { return .responseHeader(try nonEmpty(header)) }
            if name == "response.body" { return .responseBody(nil) }
            if let body = suffix("response.body.") { return .responseBody(try path(body)) }
            throw HttpMappingError("Invalid mapping expression specified: \(whole)")
        }
        if let variable = suffix("context.") {
            guard !variable.isEmpty, variable.utf8.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") }) else {
                throw HttpMappingError("Invalid mapping expression specified: \(whole)")
            }
            return .context(variable)
        }
        if let variable = suffix("stageVariables.") {
            guard !variable.isEmpty, variable.utf8.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "_") }) else {
                throw HttpMappingError("Invalid mapping expression specified: \(whole)")
            }
            return .stageVariable(variable)
        }
        return nil
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// The static text when the value has no expression (what `overwrite:statuscode` can check at compile time).
    package var staticText: String? {
        var text = ""
        for piece in pieces {
            guard case .text(let part) = piece else { return nil }
            text += part
        }
        return text
    }
}

/// Why a parameter mapping cannot be compiled: the admin API's 400 message.
package struct HttpMappingError: Error, Equatable, Sendable {
    package let message: String
    package init(_ message: String) { self.message = message }
}
