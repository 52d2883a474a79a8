/// The HTTP content codings the gateway compresses responses with and decompresses requests
/// from (AWS's supported codings: `gzip`, `deflate`, `identity`).
///
/// `deflate` is the zlib format (RFC 1950 around RFC 1951 data), as RFC 9110 §8.4.1.2 defines it.
package enum ContentCoding: String, Sendable, Equatable, CaseIterable {
    case gzip
    case deflate

    /// The coding a `Content-Encoding` value names (case-insensitive, `x-gzip` too); nil for
    /// `identity`, absent or anything else.
    package init?(contentEncoding value: String?) {
        guard let value else { return nil }
        switch Substring(value).trimmingASCIIWhitespace().lowercased() {
        case "gzip", "x-gzip": self = .gzip
        case "deflate": self = .deflate
        default: return nil
        }
    }
}
