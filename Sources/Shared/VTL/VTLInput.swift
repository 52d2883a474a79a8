/// `$input` in a mapping template, as API Gateway documents it
/// ("api-gateway-mapping-template-reference"):
/// - `$input.body`: the raw payload as a string;
/// - `$input.json(path)`: the JSONPath result serialised as compact JSON (`$input.json('$')` is
///   the whole body; an empty body reads as `{}`); a definite path that matches nothing gives an
///   empty string;
/// - `$input.path(path)`: the result as a template value (maps, lists, strings, numbers), null
///   when nothing matches;
/// - `$input.params()`: `{path: {…}, querystring: {…}, header: {…}}`;
/// - `$input.params(name)`: the value from the path, the query string or the headers, searched
///   in that order (headers case-insensitively); an empty string when there is none.
///
/// The body is parsed once, on the first `json`/`path` call; a body that is not JSON makes those
/// calls fail (a runtime error, AWS's 500).
package final class VTLInput: VTLHostObject {
    let request: VTLRequest
    private var parsed: JSONValue?

    package init(_ request: VTLRequest) { self.request = request }

    package func property(_ name: String) -> VTLValue? {
        switch name {
        case "body": return .string(String(decoding: request.body, as: UTF8.self))
        default: return nil
        }
    }

    package func call(_ method: String, _ arguments: [VTLValue]) throws(VTLHostError) -> VTLValue? {
        switch (method, arguments.count) {
        case ("getBody", 0): return property("body")
        case ("json", 1):
            guard let text = arguments[0].stringValue else { return nil }
            guard let found = try evaluatePath(text) else { return .string("") }
            return .string(found.serialized())
        case ("path", 1):
            guard let text = arguments[0].stringValue else { return nil }
            return try evaluatePath(text).map(VTLValue.init(json:)) ?? .null
        case ("params", 0):
            return .map(VTLMap([
                ("path", .map(VTLMap(request.path.map { ($0.name, .string($0.value)) }))),
                ("querystring", .map(VTLMap(request.querystring.map { ($0.name, .string($0.value)) }))),
                ("header", .map(VTLMap(request.header.map { ($0.name, .string($0.value)) }))),
            ]))
        case ("params", 1):
            guard let name = arguments[0].stringValue else { return nil }
            if let found = request.path.last(where: { $0.name == name }) { return .string(found.value) }
            if let found = request.querystring.last(where: { $0.name == name }) { return .string(found.value) }
            let lowered = name.lowercased()
            if let found = request.header.last(where: { $0.name.lowercased() == lowered }) { return .string(found.value) }
            return .string("")
        default:
            return nil
        }
    }

    package var rendered: String { "$input" }

    private func document() throws(VTLHostError) -> JSONValue {
        if let parsed { return parsed }
        let trimmed = request.body.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        let value: JSONValue
        if trimmed.isEmpty {
            value = .object([])
        } else {
            do {
                value = try JSONParser.parse(request.body)
            } catch {
                throw VTLHostError("Invalid JSON in the body at offset \(error.offset): \(error.reason)")
            }
        }
        parsed = value
        return value
    }

    private func evaluatePath(_ text: String) throws(VTLHostError) -> JSONValue? {
        let path: VTLJSONPath
        do {
            path = try VTLJSONPath(text)
        } catch {
            throw VTLHostError("Invalid JSONPath '\(text)': \(error.message)")
        }
        return path.evaluate(try document())
    }
}
