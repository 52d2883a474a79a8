import Shared

/// The value a `method.request.body.JSONPath` or `integration.response.body.JSONPath` mapping
/// yields: a string as itself, any other JSON value serialised compactly (`{"a":1}`, `3`, `true`);
/// nothing when the path matches nothing or the match is JSON `null` (the mapping is then skipped,
/// as an absent header is).
enum BodyPathValue {
    static func text(_ path: VTLJSONPath, in document: JSONValue) -> String? {
        guard let found = path.evaluate(document) else { return nil }
        switch found {
        case .null: return nil
        case .string(let text): return text
        default: return found.serialized()
        }
    }

    /// `text` over a body that may not be JSON (nil then).
    static func text(_ path: VTLJSONPath, inBody body: [UInt8]) -> String? {
        guard let document = try? JSONParser.parse(body) else { return nil }
        return text(path, in: document)
    }
}
