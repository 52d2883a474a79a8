import Shared

/// A Lambda proxy function's result, validated by Amazon API Gateway's REST rules (reference §2.13).
///
/// Accepted: a JSON object whose keys are among `statusCode` (integer or numeric string),
/// `headers` (string/bool values), `multiValueHeaders` (array values), `body` (string) and
/// `isBase64Encoded` (bool); `null` counts as absent. Anything else — not JSON, empty, a bare
/// string, another key, a bad type — is malformed (→ 502 `{"message": "Internal server error"}`).
package struct LambdaProxyResult: Sendable, Equatable {
    package var statusCode: Int
    /// `headers` then `multiValueHeaders` (which wins for a name present in both), in order.
    package var headers: [(name: String, values: [String])]
    package var body: String
    package var isBase64Encoded: Bool

    /// Why a result is not a valid proxy response (for logs).
    package struct Malformed: Error, Equatable, Sendable {
        package let reason: String
    }

    static let allowedKeys: Set<String> = ["statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded"]

    package static func parse(_ payload: [UInt8]) -> Result<LambdaProxyResult, Malformed> {
        let document: JSONValue
        do {
            document = try JSONParser.parse(payload)
        } catch {
            return .failure(Malformed(reason: payload.isEmpty ? "empty payload" : "payload is not JSON"))
        }
        guard case .object(let members) = document else { return .failure(Malformed(reason: "payload is not a JSON object")) }
        if let extra = members.first(where: { !allowedKeys.contains($0.key) }) {
            return .failure(Malformed(reason: "unexpected key '\(extra.key)'"))
        }

        var result = LambdaProxyResult(statusCode: 200, headers: [], body: "", isBase64Encoded: false)
        switch document["statusCode"] {
        case nil, .null?: break
        case .number(let value)?:
            guard value == value.rounded(), (100...599).contains(value) else { return .failure(Malformed(reason: "bad statusCode")) }
            result.statusCode = Int(value)
        case .string(let text)?:
            guard let value = Int(text), (100...599).contains(value) else { return .failure(Malformed(reason: "statusCode is not numeric")) }
            result.statusCode = value
        default:
            return .failure(Malformed(reason: "bad statusCode type"))
        }

        guard let headers = Self.members(document["headers"]) else {
            return .failure(Malformed(reason: "headers is not an object"))
        }
        for (name, value) in headers {
            guard let text = Self.headerText(value, allowingNumbers: false) else {
                return .failure(Malformed(reason: "header '\(name)' is not a string"))
            }
            result.set(name, [text])
        }

        guard let multiValueHeaders = Self.members(document["multiValueHeaders"]) else {
            return .failure(Malformed(reason: "multiValueHeaders is not an object"))
        }
        for (name, value) in multiValueHeaders {
            guard case .array(let items) = value else { return .failure(Malformed(reason: "multiValueHeaders '\(name)' is not a list")) }
            var values: [String] = []
            for item in items {
                if case .null = item { continue }
                guard let text = Self.headerText(item, allowingNumbers: true) else {
                    return .failure(Malformed(reason: "multiValueHeaders '\(name)' holds a non-scalar"))
                }
                values.append(text)
            }
            result.set(name, values)
        }

        switch document["body"] {
        case nil, .null?: break
        case .string(let text)?: result.body = text
        default: return .failure(Malformed(reason: "body is not a string"))
        }

        switch document["isBase64Encoded"] {
        case nil, .null?: break
        case .bool(let flag)?: result.isBase64Encoded = flag
        default: return .failure(Malformed(reason: "isBase64Encoded is not a boolean"))
        }
        return .success(result)
    }

    /// The members of an optional object field: none when it is absent or `null`, nil when it is
    /// not an object.
    private static func members(_ field: JSONValue?) -> [(key: String, value: JSONValue)]? {
        switch field {
        case nil, .null?: return []
        case .object(let members)?: return members
        default: return nil
        }
    }

    /// A header value as API Gateway passes it on: a string as it is, a boolean as `true`/`false`,
    /// a number (in `multiValueHeaders` only) as JSON writes it; nil for any other type.
    private static func headerText(_ value: JSONValue, allowingNumbers: Bool) -> String? {
        switch value {
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number) where allowingNumbers: return JSONValue.format(number)
        default: return nil
        }
    }

    private mutating func set(_ name: String, _ values: [String]) {
        if let index = headers.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) {
            headers[index] = (name, values)
        } else {
            headers.append((name, values))
        }
    }

    package static func == (lhs: LambdaProxyResult, rhs: LambdaProxyResult) -> Bool {
        lhs.statusCode == rhs.statusCode && lhs.body == rhs.body && lhs.isBase64Encoded == rhs.isBase64Encoded
            && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.values) == rhs.headers.map(\.values)
    }
}
