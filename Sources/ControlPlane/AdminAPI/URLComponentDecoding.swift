import Shared

/// Percent-decoding of request paths and query strings for the admin API.
///
/// Pure functions. Path segments are split on `/` *before* decoding, so an encoded `%2F` stays inside
/// its segment (tags address resources by ARN that way). `+` is kept literally: botocore encodes
/// spaces as `%20`.
enum URLComponentDecoding {
    /// Decodes `%XX` escapes as UTF-8; nil for a malformed escape or invalid UTF-8.
    static func percentDecode(_ text: Substring) -> String? {
        PercentDecoding.decodeStrictly(text)
    }

    /// The decoded path segments of `path` (`/restapis/a%20b/` → `["restapis", "a b"]`); a trailing
    /// slash adds no segment. Nil when a segment is malformed.
    static func pathSegments(_ path: Substring) -> [String]? {
        var raw = path.split(separator: "/", omittingEmptySubsequences: false)
        if raw.first == "" { raw.removeFirst() }
        if raw.last == "" { raw.removeLast() }
        var segments: [String] = []
        for segment in raw {
            guard let decoded = percentDecode(segment) else { return nil }
            segments.append(decoded)
        }
        return segments
    }

    /// The query parameters, decoded, each name with its values in order. Malformed pairs are skipped.
    static func queryItems(_ query: Substring?) -> [String: [String]] {
        guard let query, !query.isEmpty else { return [:] }
        var items: [String: [String]] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = percentDecode(parts[0]), !name.isEmpty else { continue }
            guard let value = parts.count > 1 ? percentDecode(parts[1]) : "" else { continue }
            items[name, default: []].append(value)
        }
        return items
    }
}
