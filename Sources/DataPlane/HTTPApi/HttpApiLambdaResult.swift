import Shared

/// A Lambda function's answer to an HTTP API payload 2.0 event, read by AWS's rules (developer
/// guide, "Lambda function response for format 2.0"). Pure.
///
/// A JSON object with `statusCode` is a structured response: `statusCode` (integer or numeric
/// string, 100–599), `headers` (string, number or boolean values), `multiValueHeaders` (lists,
/// accepted as REST's), `cookies` (strings, each a `Set-Cookie`), `body` (string), `isBase64Encoded`
/// (boolean; the body is then decoded). Any other valid JSON (an object without `statusCode`, a
/// string, a number…) is the body itself: status 200, `Content-Type: application/json`. Not JSON →
/// malformed (500 `{"message":"Internal Server Error"}`).
struct HttpApiLambdaResult: Equatable {
    var statusCode = 200
    var headers: [(name: String, values: [String])] = []
    var cookies: [String] = []
    var body: [UInt8] = []

    static func parse(_ payload: [UInt8]) -> Result<HttpApiLambdaResult, LambdaProxyResult.Malformed> {
        guard let document = try? JSONParser.parse(payload) else {
            return .failure(LambdaProxyResult.Malformed(reason: payload.isEmpty ? "empty payload" : "payload is not JSON"))
        }
        guard case .object = document, let status = document["statusCode"], status != .null else {
            return .success(HttpApiLambdaResult(headers: [("Content-Type", ["application/json"])], body: payload))
        }
        var result = HttpApiLambdaResult()
        switch status {
        case .number(let value) where value == value.rounded() && (100...599).contains(value): result.statusCode = Int(value)
        case .string(let text) where Int(text).map { (100...599).contains($0) } == true: result.statusCode = Int(text)!
        default: return .failure(LambdaProxyResult.Malformed(reason: "bad statusCode"))
        }
        switch document["headers"] {
        case nil, .null?: break
        case .object(let members)?:
            for (name, value) in members {
                guard let text = scalarText(value) else { return .failure(LambdaProxyResult.Malformed(reason: "header '\(name)' is not a scalar")) }
                result.set(name, [text])
            }
        default: return .failure(LambdaProxyResult.Malformed(reason: "headers is not an object"))
        }
        switch document["multiValueHeaders"] {
        case nil, .null?: break
        case .object(let members)?:
            for (name, value) in members {
                guard case .array(let items) = value else { return .failure(LambdaProxyResult.Malformed(reason: "multiValueHeaders '\(name)' is not a list")) }
                result.set(name, items.compactMap(scalarText))
            }
        default: return .failure(LambdaProxyResult.Malformed(reason: "multiValueHeaders is not an object"))
        }
        switch document["cookies"] {
        case nil, .null?: break
        case .array(let items)?:
            for item in items {
                guard case .string(let cookie) = item else { return .failure(LambdaProxyResult.Malformed(reason: "a cookie is not a string")) }
                result.cookies.append(cookie)
            }
        default: return .failure(LambdaProxyResult.Malformed(reason: "cookies is not a list"))
        }
        var base64 = false
        switch document["isBase64Encoded"] {
        case nil, .null?: break
        case .bool(let flag)?: base64 = flag
        default: return .failure(LambdaProxyResult.Malformed(reason: "isBase64Encoded is not a boolean"))
        }
        switch document["body"] {
        case nil, .null?: break
        case .string(let text)?:
            if base64 {
                guard let decoded = Base64.decode(text) else { return .failure(LambdaProxyResult.Malformed(reason: "body is not base64")) }
                result.body = decoded
            } else {
                result.body = Array(text.utf8)
            }
        default: return .failure(LambdaProxyResult.Malformed(reason: "body is not a string"))
        }
        return .success(result)
    }

    private static func scalarText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return JSONValue.format(number)
        default: return nil
        }
    }

    private mutating func set(_ name: String, _ values: [String]) {
        if let index = headers.firstIndex(where: { HTTPHeaders.equalsIgnoringCase($0.name, name) }) {
            headers[index] = (name, values)
        } else {
            headers.append((name, values))
        }
    }

    static func == (lhs: HttpApiLambdaResult, rhs: HttpApiLambdaResult) -> Bool {
        lhs.statusCode == rhs.statusCode && lhs.cookies == rhs.cookies && lhs.body == rhs.body
            && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.values) == rhs.headers.map(\.values)
    }
}
