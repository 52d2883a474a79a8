import Shared

/// Which coding a request's `Accept-Encoding` asks the gateway to compress with (pure).
///
/// AWS: "The highest-priority content encoding must be one supported by API Gateway. If it is
/// not, compression is not applied", and without the header (`*` by default) nothing is
/// compressed. So: the codings with the highest `q` (default 1; `q=0` means refused) are taken
/// in the order listed and the first that is `gzip` (or `x-gzip`) or `deflate` is chosen; when
/// none of them is (`br` alone on top, `identity`, `*`), the response is not compressed.
enum AcceptEncoding {
    static func preferredCoding(_ header: String?) -> ContentCoding? {
        guard let header, !header.isEmpty else { return nil }
        var best: Double = 0
        var candidates: [Substring] = []
        for element in header.split(separator: ",") {
            let parts = element.split(separator: ";")
            guard let first = parts.first else { continue }
            let name = first.trimmingASCIIWhitespace()
            guard !name.isEmpty else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.trimmingASCIIWhitespace()
                if pair.lowercased().hasPrefix("q=") { quality = Double(pair.dropFirst(2)) ?? 0 }
            }
            guard quality > 0 else { continue }
            if quality > best {
                best = quality
                candidates = [name]
            } else if quality == best {
                candidates.append(name)
            }
        }
        for name in candidates {
            if let coding = ContentCoding(contentEncoding: String(name)) { return coding }
        }
        return nil
    }
}
