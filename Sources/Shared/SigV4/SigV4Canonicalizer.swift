/// The pure steps of AWS Signature Version 4: canonical request, string to sign, signing key and
/// signature (AWS General Reference, "Create a canonical request" / "Create a string to sign" /
/// "Calculate the signature").
///
/// Shared by `SigV4Signer` and `SigV4Verifier` so both sides compute byte-identical strings.
/// No clock, no I/O; callable from any thread.
package enum SigV4Canonicalizer {
    /// The only algorithm SigV4 defines for HMAC-SHA256.
    package static let algorithm = "AWS4-HMAC-SHA256"
    /// The credential scope terminator.
    package static let terminator = "aws4_request"

    // MARK: - Canonical URI

    /// The canonical URI of a request path, as it appears on the wire (before `?`).
    ///
    /// With `normalize` (every service except S3) the path first loses `.` and `..` segments and
    /// repeated slashes (RFC 3986 §5.2.4 plus AWS's slash rule; a trailing slash is kept), exactly as
    /// botocore does. Then every byte outside the unreserved set except `/` is percent-encoded. Because
    /// a wire path is already percent-encoded once, its `%` becomes `%25`: that is the "double
    /// encoding" AWS documents for non-S3 services. An empty path is `/`.
    package static func canonicalURI(path: some StringProtocol, normalize: Bool = true) -> String {
        let source = path.isEmpty ? "/" : String(path)
        let cleaned = normalize ? removeDotSegments(source) : source
        return PercentEncoding.encode(cleaned, keeping: .unreservedAndSlash)
    }

    /// Removes empty, `.` and `..` segments, keeping a leading and (when anything remains) a trailing slash.
    package static func removeDotSegments(_ path: String) -> String {
        // Nearly every signed path has nothing to remove: decided in one pass over its bytes
        // (splitting and joining cost ~13,000 instructions a SigV4 request, issue 14).
        if path.utf8.withContiguousStorageIfAvailable({ !hasRemovableSegments($0) }) == true { return path }
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) where segment != "." {
            if segment == ".." {
                if !segments.isEmpty { segments.removeLast() }
            } else {
                segments.append(segment)
            }
        }
        let leading = path.hasPrefix("/") ? "/" : ""
        let trailing = path.hasSuffix("/") && !segments.isEmpty ? "/" : ""
        return leading + segments.joined(separator: "/") + trailing
    }

    /// Whether `path` has an empty segment inside it (`//`) or a `.` or `..` segment: what
    /// `removeDotSegments` would change (a leading and a trailing slash stay as they are).
    static func hasRemovableSegments(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        var start = 0
        for end in 0...path.count where end == path.count || path[end] == slash {
            let length = end - start
            // An empty piece is the leading slash (at 0) or the trailing one (at the end), else `//`.
            if length == 0, end > 0, end < path.count { return true }
            if length == 1, path[start] == dot { return true }
            if length == 2, path[start] == dot, path[start + 1] == dot { return true }
            start = end + 1
        }
        return false
    }

    /// The path of a request-target in origin form: `/a/b` from `/a/b?q`, or from the absolute form
    /// `http://host/a/b?q`.
    package static func originPath(ofTarget target: String) -> Substring {
        // Found over the UTF-8 view: a `Character` search cost ~6,000 instructions a SigV4 request.
        // `?` and `/` are ASCII, so their UTF-8 indices are valid `String` indices.
        let utf8 = target.utf8
        let end = utf8.firstIndex(of: UInt8(ascii: "?")) ?? utf8.endIndex
        let rest = target[target.startIndex..<end]
        if rest.utf8.first == UInt8(ascii: "/") { return rest }
        if let scheme = rest.firstRange(of: "://") {
            let afterAuthority = rest[scheme.upperBound...]
            if let slash = afterAuthority.firstIndex(of: "/") { return afterAuthority[slash...] }
            return "/"
        }
        return rest
    }

    // MARK: - Canonical query string

    /// The query's parameters, percent-decoded, in wire order. Empty `&&` components are skipped; a
    /// parameter without `=` has an empty value.
    package static func queryParameters(_ query: Substring?) -> [(name: [UInt8], value: [UInt8])] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(separator: "&", omittingEmptySubsequences: true).map { component in
            if let equals = component.firstIndex(of: "=") {
                return (PercentDecoding.decode(component[..<equals].utf8),
                        PercentDecoding.decode(component[component.index(after: equals)...].utf8))
            }
            return (PercentDecoding.decode(component.utf8), [])
        }
    }

    /// The canonical query string: each name and value decoded and re-encoded strictly (RFC 3986
    /// unreserved), sorted by encoded name and then encoded value (byte order), joined as
    /// `name=value` with `&`. `excluding` drops parameters by exact decoded name (presigned requests
    /// exclude `X-Amz-Signature`).
    package static func canonicalQuery(_ query: Substring?, excluding: Set<String> = []) -> String {
        var pairs: [(name: [UInt8], value: [UInt8])] = []
        for (name, value) in queryParameters(query) {
            if !excluding.isEmpty, excluding.contains(String(decoding: name, as: UTF8.self)) { continue }
            var encodedName = [UInt8](), encodedValue = [UInt8]()
            PercentEncoding.encode(name, keeping: .unreserved, into: &encodedName)
            PercentEncoding.encode(value, keeping: .unreserved, into: &encodedValue)
            pairs.append((encodedName, encodedValue))
        }
        pairs.sort { lhs, rhs in
            lhs.name != rhs.name ? lhs.name.lexicographicallyPrecedes(rhs.name)
                                 : lhs.value.lexicographicallyPrecedes(rhs.value)
        }
        var output = [UInt8]()
        for (index, pair) in pairs.enumerated() {
            if index > 0 { output.append(UInt8(ascii: "&")) }
            output.append(contentsOf: pair.name)
            output.append(UInt8(ascii: "="))
            output.append(contentsOf: pair.value)
        }
        return String(decoding: output, as: UTF8.self)
    }

    // MARK: - Canonical headers

    /// A header value with leading and trailing whitespace removed and each run of spaces or tabs
    /// inside (including what an unfolded obs-fold left behind) collapsed to one space.
    package static func canonicalHeaderValue(_ value: some StringProtocol) -> String {
        var output = [UInt8]()
        output.reserveCapacity(value.utf8.count)
        var pendingSpace = false
        for byte in value.utf8 {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                pendingSpace = !output.isEmpty
            } else {
                if pendingSpace { output.append(0x20); pendingSpace = false }
                output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The canonical headers block: for each name of `signedHeaders` (lower case, in the given order),
    /// `name:value\n`, where repeated fields' values are joined with `,` in wire order. A signed
    /// name the request lacks contributes `name:\n`.
    package static func canonicalHeaders(_ headers: HTTPHeaders, signedHeaders: [String]) -> String {
        var output = ""
        for name in signedHeaders {
            output += name
            output += ":"
            output += headers.values(name).map { canonicalHeaderValue($0) }.joined(separator: ",")
            output += "\n"
        }
        return output
    }

    // MARK: - Request, string to sign, key, signature

    /// The six-part canonical request, joined with `\n` (the headers block already ends in `\n`,
    /// which leaves the blank line AWS specifies).
    package static func canonicalRequest(method: String, canonicalURI: String, canonicalQuery: String,
                                         canonicalHeaders: String, signedHeaders: String, payloadHash: String) -> String {
        [method, canonicalURI, canonicalQuery, canonicalHeaders, signedHeaders, payloadHash].joined(separator: "\n")
    }

    /// `AWS4-HMAC-SHA256\n<amzDate>\n<scope>\n<hex sha256 of canonical request>`.
    package static func stringToSign(amzDate: String, scope: SigV4Scope, canonicalRequest: String) -> String {
        [algorithm, amzDate, scope.description, Digest.sha256Hex(canonicalRequest.utf8)].joined(separator: "\n")
    }

    /// The derived signing key: HMAC chain over date, region, service and `aws4_request`, keyed
    /// first with `"AWS4" + secret`.
    package static func signingKey(secretAccessKey: String, scope: SigV4Scope) -> [UInt8] {
        let dateKey = Digest.hmacSHA256(key: Array(("AWS4" + secretAccessKey).utf8), message: scope.date.utf8)
        let regionKey = Digest.hmacSHA256(key: dateKey, message: scope.region.utf8)
        let serviceKey = Digest.hmacSHA256(key: regionKey, message: scope.service.utf8)
        return Digest.hmacSHA256(key: serviceKey, message: terminator.utf8)
    }

    /// The lowercase hex signature of `stringToSign`.
    package static func signature(signingKey: [UInt8], stringToSign: String) -> String {
        Hex.encode(Digest.hmacSHA256(key: signingKey, message: stringToSign.utf8))
    }
}
