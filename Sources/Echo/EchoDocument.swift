import Shared

/// The JSON document `tollgate echo` answers with, built without Foundation.
///
/// ```json
/// {"method":"POST","path":"/a","query":"x=1&y","queryParameters":{"x":["1"],"y":[""]},
///  "headers":[["Host","h"],["Content-Length","2"]],"body":"hi","isBase64Encoded":false,
///  "remoteAddress":"127.0.0.1"}
/// ```
/// `query` is the raw query string (null when there is no `?`); `queryParameters` splits it on
/// `&` and `=` and percent-decodes names and values (`+` stays `+`). `headers` keeps wire order
/// and duplicates. `body` is the body as a string when it is valid UTF-8, else base64 with
/// `isBase64Encoded: true`.
struct EchoDocument {
    let request: HTTPRequest
    let context: HTTPRequestContext

    func json() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256 + request.body.count * 2)
        out.append(contentsOf: #"{"method":"#.utf8)
        JSONValue.writeEscaped(request.method.rawValue, into: &out)
        out.append(contentsOf: #","path":"#.utf8)
        JSONValue.writeEscaped(String(request.head.path), into: &out)
        out.append(contentsOf: #","query":"#.utf8)
        if let query = request.head.query {
            JSONValue.writeEscaped(String(query), into: &out)
        } else {
            out.append(contentsOf: "null".utf8)
        }
        out.append(contentsOf: #","queryParameters":{"#.utf8)
        for (index, parameter) in Self.parameters(request.head.query).enumerated() {
            if index > 0 { out.append(0x2C) }
            JSONValue.writeEscaped(parameter.name, into: &out)
            out.append(contentsOf: ":[".utf8)
            for (i, value) in parameter.values.enumerated() {
                if i > 0 { out.append(0x2C) }
                JSONValue.writeEscaped(value, into: &out)
            }
            out.append(0x5D)
        }
        out.append(contentsOf: #"},"headers":["#.utf8)
        for (index, field) in request.headers.enumerated() {
            if index > 0 { out.append(0x2C) }
            out.append(0x5B)
            JSONValue.writeEscaped(field.name, into: &out)
            out.append(0x2C)
            JSONValue.writeEscaped(field.value, into: &out)
            out.append(0x5D)
        }
        out.append(contentsOf: #"],"body":"#.utf8)
        if let text = String(validating: request.body, as: UTF8.self) {
            JSONValue.writeEscaped(text, into: &out)
            out.append(contentsOf: #","isBase64Encoded":false"#.utf8)
        } else {
            out.append(0x22)
            Base64.encode(request.body, into: &out)
            out.append(0x22)
            out.append(contentsOf: #","isBase64Encoded":true"#.utf8)
        }
        out.append(contentsOf: #","remoteAddress":"#.utf8)
        JSONValue.writeEscaped(context.remoteAddress, into: &out)
        out.append(0x7D)
        return out
    }

    /// Query parameters in first-appearance order, values in order.
    static func parameters(_ query: Substring?) -> [(name: String, values: [String])] {
        guard let query, !query.isEmpty else { return [] }
        var result: [(name: String, values: [String])] = []
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let name: Substring, value: Substring
            if let eq = pair.firstIndex(of: "=") {
                name = pair[..<eq]
                value = pair[pair.index(after: eq)...]
            } else {
                name = pair
                value = ""
            }
            let decodedName = PercentDecoding.decodeString(name), decodedValue = PercentDecoding.decodeString(value)
            if let index = result.firstIndex(where: { $0.name == decodedName }) {
                result[index].values.append(decodedValue)
            } else {
                result.append((decodedName, [decodedValue]))
            }
        }
        return result
    }
}
