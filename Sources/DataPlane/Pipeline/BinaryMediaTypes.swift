/// Matching a `Content-Type`/`Accept` value against a REST API's `binaryMediaTypes`
/// (`image/png`, `image/*`, `*/*`; case-insensitive; parameters ignored).
package enum BinaryMediaTypes {
    /// True when the first media type of `value` matches one of `types`.
    package static func matches(_ value: String?, _ types: [String]) -> Bool {
        guard !types.isEmpty, let value else { return false }
        let first = value.split(separator: ",", maxSplits: 1).first.map(String.init) ?? value
        guard let media = mediaType(first) else { return false }
        let (type, subtype) = media
        for pattern in types {
            guard let (patternType, patternSubtype) = mediaType(pattern) else { continue }
            if patternType == "*" && patternSubtype == "*" { return true }
            if patternType == type && (patternSubtype == "*" || patternSubtype == subtype) { return true }
        }
        return false
    }

    private static func mediaType(_ text: String) -> (Substring, Substring)? {
        let head = text.lowercased().split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let trimmed = head.drop(while: { $0 == " " || $0 == "\t" })
        let parts = trimmed.split(separator: "/", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        let subtype = parts[1].prefix(while: { $0 != " " && $0 != "\t" })
        return (parts[0], subtype)
    }
}
