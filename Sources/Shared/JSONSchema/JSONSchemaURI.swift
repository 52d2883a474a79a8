/// RFC 3986 URI references, just enough for draft 4's resolution scopes: split a reference,
/// resolve it against a base (§5.2, with dot-segment removal), and drop the fragment.
///
/// Nothing here touches the network: a resolved URI is only a key for the documents the caller
/// serves (`JSONSchemaResolver`). An empty base stands for an anonymous document, against which a
/// reference resolves to itself.
struct JSONSchemaURI: Equatable {
    var scheme: String?
    var authority: String?
    var path: String
    var query: String?
    var fragment: String?

    /// Splits `text` per RFC 3986 appendix B (never fails: any string is some reference).
    init(_ text: String) {
        var rest = Substring(text)
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: question)...])
            rest = rest[..<question]
        }
        if let colon = rest.firstIndex(of: ":"), Self.isScheme(rest[..<colon]) {
            scheme = String(rest[..<colon])
            rest = rest[rest.index(after: colon)...]
        }
        if rest.hasPrefix("//") {
            let afterSlashes = rest.index(rest.startIndex, offsetBy: 2)
            let end = rest[afterSlashes...].firstIndex(of: "/") ?? rest.endIndex
            authority = String(rest[afterSlashes..<end])
            rest = rest[end...]
        }
        path = String(rest)
    }

    private init(scheme: String?, authority: String?, path: String, query: String?, fragment: String?) {
        self.scheme = scheme
        self.authority = authority
        self.path = path
        self.query = query
        self.fragment = fragment
    }

    private static func isScheme(_ text: Substring) -> Bool {
        guard let first = text.utf8.first, (first | 0x20) >= 0x61, (first | 0x20) <= 0x7A else { return false }
        return text.utf8.allSatisfy { byte in
            let lower = byte | 0x20
            return (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2B || byte == 0x2D || byte == 0x2E
        }
    }

    var text: String {
        var out = ""
        if let scheme { out += scheme + ":" }
        if let authority { out += "//" + authority }
        out += path
        if let query { out += "?" + query }
        if let fragment { out += "#" + fragment }
        return out
    }

    /// The same URI without its fragment (the document a reference designates).
    var withoutFragment: JSONSchemaURI {
        JSONSchemaURI(scheme: scheme, authority: authority, path: path, query: query, fragment: nil)
    }

    /// `reference` resolved against `base` (RFC 3986 §5.2.2).
    static func resolve(_ reference: String, against base: String) -> JSONSchemaURI {
        let r = JSONSchemaURI(reference)
        let b = JSONSchemaURI(base)
        if r.scheme != nil {
            return JSONSchemaURI(scheme: r.scheme, authority: r.authority, path: removeDotSegments(r.path), query: r.query, fragment: r.fragment)
        }
        if r.authority != nil {
            return JSONSchemaURI(scheme: b.scheme, authority: r.authority, path: removeDotSegments(r.path), query: r.query, fragment: r.fragment)
        }
        if r.path.isEmpty {
            return JSONSchemaURI(scheme: b.scheme, authority: b.authority, path: b.path, query: r.query ?? b.query, fragment: r.fragment)
        }
        let merged: String
        if r.path.hasPrefix("/") {
            merged = r.path
        } else if b.authority != nil && b.path.isEmpty {
            merged = "/" + r.path
        } else if let slash = b.path.lastIndex(of: "/") {
            merged = String(b.path[...slash]) + r.path
        } else {
            merged = r.path
        }
        return JSONSchemaURI(scheme: b.scheme, authority: b.authority, path: removeDotSegments(merged), query: r.query, fragment: r.fragment)
    }

    /// RFC 3986 §5.2.4.
    static func removeDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (i, segment) in segments.enumerated() {
            let last = i == segments.count - 1
            switch segment {
            case ".":
                if last { output.append("") }
            case "..":
                if output.count > 1 || (output.count == 1 && !output[0].isEmpty) { output.removeLast() }
                if last { output.append("") }
            default:
                output.append(segment)
            }
        }
        var joined = output.joined(separator: "/")
        if path.hasPrefix("/") && !joined.hasPrefix("/") { joined = "/" + joined }
        return joined
    }
}
