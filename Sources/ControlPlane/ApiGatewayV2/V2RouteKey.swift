/// Route keys of `apigatewayv2` APIs, validated as AWS accepts them. Pure.
///
/// HTTP APIs: `$default`, or `METHOD /path` with METHOD one of `methods` (`ANY` included) and a path
/// of whole segments: literals, `{name}` parameters, and a greedy `{name+}` only as the last
/// segment; no empty segment (the root `/` aside), no parameter named twice.
/// WebSocket APIs: `$connect`, `$disconnect`, `$default`, or any other key not starting with `$`.
enum V2RouteKey {
    static let methods: Set<String> = ["ANY", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
    static let webSocketReserved: Set<String> = ["$connect", "$disconnect", "$default"]

    /// `key` when it is a valid route key for an API of `protocolType`, else AWS's 400.
    static func validate(_ key: String, protocolType: String) throws(AdminError) -> String {
        let invalid = AdminError.badRequest("Invalid route key specified: \(key)")
        guard !key.isEmpty, key.utf8.count <= 1_024 else { throw invalid }
        if protocolType != "HTTP" {
            guard !key.hasPrefix("$") || webSocketReserved.contains(key) else { throw invalid }
            return key
        }
        if key == "$default" { return key }
        let parts = key.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, methods.contains(String(parts[0])) else { throw invalid }
        guard isValidPath(String(parts[1])) else { throw invalid }
        return key
    }

    /// Whether `path` is a valid HTTP API route path.
    static func isValidPath(_ path: String) -> Bool {
        guard path.hasPrefix("/") else { return false }
        if path == "/" { return true }
        let segments = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        var names: Set<Substring> = []
        for (index, segment) in segments.enumerated() {
            guard !segment.isEmpty else { return false }
            if segment.hasPrefix("{") || segment.hasSuffix("}") {
                guard segment.hasPrefix("{"), segment.hasSuffix("}"), segment.count > 2 else { return false }
                var name = segment.dropFirst().dropLast()
                if name.hasSuffix("+") {
                    guard index == segments.count - 1 else { return false }
                    name = name.dropLast()
                }
                guard !name.isEmpty, name.allSatisfy(isParameterNameCharacter), names.insert(name).inserted else { return false }
            } else {
                guard segment.unicodeScalars.allSatisfy(isLiteralCharacter) else { return false }
            }
        }
        return true
    }

    private static func isParameterNameCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-" || c == ".")
    }

    private static func isLiteralCharacter(_ s: Unicode.Scalar) -> Bool {
        guard s.isASCII, s.value > 0x20, s.value < 0x7f else { return false }
        return !"{}?# \\\"<>^`|".unicodeScalars.contains(s)
    }
}
