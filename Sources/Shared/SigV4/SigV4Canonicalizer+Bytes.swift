/// The verifier's path through the canonical request and the string to sign, over bytes.
///
/// The same bytes as the `String` functions of `SigV4Canonicalizer` (which the signer and the
/// tests use; `SigV4CanonicalizerBytesTests` checks both on the AWS suite's cases), written into
/// one reserved `[UInt8]` each instead of joined from `String`s: on an `AWS_IAM` route the
/// `String` path cost about 25,000 of the 94,500 instructions of `SigV4Verifier.verify`
/// (`bench/instructions.sh`, SigV4 row, docs/performance.md).
extension SigV4Canonicalizer {
    /// The six-part canonical request: method, canonical URI, canonical query, the canonical headers
    /// of `signedHeaders` (lower case, in order) from `headers`, `signedHeadersText`, `payloadHash`,
    /// joined with `\n` — `canonicalRequest(…)` with `canonicalHeaders(headers, signedHeaders:)`.
    package static func canonicalRequestBytes(method: String, canonicalURI: String, canonicalQuery: String,
                                              headers: HTTPHeaders, signedHeaders: [String], signedHeadersText: String,
                                              payloadHash: String) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(method.utf8.count + canonicalURI.utf8.count + canonicalQuery.utf8.count
                            + signedHeadersText.utf8.count * 2 + payloadHash.utf8.count + 256)
        let newline = UInt8(ascii: "\n")
        out.append(contentsOf: method.utf8)
        out.append(newline)
        out.append(contentsOf: canonicalURI.utf8)
        out.append(newline)
        out.append(contentsOf: canonicalQuery.utf8)
        out.append(newline)
        appendCanonicalHeaders(headers, signedHeaders: signedHeaders, to: &out)
        out.append(newline)
        out.append(contentsOf: signedHeadersText.utf8)
        out.append(newline)
        out.append(contentsOf: payloadHash.utf8)
        return out
    }

    /// Appends the bytes of `canonicalHeaders(headers, signedHeaders:)`: `name:value\n` per signed
    /// name, the values of repeated fields joined with `,` in wire order, each value trimmed with its
    /// inner runs of whitespace collapsed to one space.
    package static func appendCanonicalHeaders(_ headers: HTTPHeaders, signedHeaders: [String], to out: inout [UInt8]) {
        for name in signedHeaders {
            out.append(contentsOf: name.utf8)
            out.append(UInt8(ascii: ":"))
            var first = true
            for field in headers.fields where HTTPHeaders.equalsIgnoringCase(field.name, name) {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                appendCanonicalValue(field.value, to: &out)
            }
            out.append(UInt8(ascii: "\n"))
        }
    }

    /// Appends `canonicalHeaderValue(value)`'s bytes. A value with no whitespace at all (a host, a
    /// date, a hash: the usual signed headers) is its own canonical form and is copied at once
    /// (byte by byte, the canonical headers of a botocore GET cost 4,970 instructions, now 2,270;
    /// bench/instructions.sh, SigV4 row).
    static func appendCanonicalValue(_ value: String, to out: inout [UInt8]) {
        let copied = value.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard !bytes.contains(where: isCanonicalWhitespace) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        guard copied != true else { return }
        let start = out.count
        var pendingSpace = false
        for byte in value.utf8 {
            if isCanonicalWhitespace(byte) {
                pendingSpace = out.count > start
            } else {
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(byte)
            }
        }
    }

    /// Space, tab, line feed, carriage return: what a canonical header value trims and collapses.
    private static func isCanonicalWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// `AWS4-HMAC-SHA256\n<amzDate>\n<scope>\n<hex of canonicalRequestDigest>` — the bytes of
    /// `stringToSign(amzDate:scope:canonicalRequest:)` given the canonical request's SHA-256.
    package static func stringToSignBytes(amzDate: String, scope: SigV4Scope, canonicalRequestDigest: [UInt8]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(algorithm.utf8.count + amzDate.utf8.count + scope.date.utf8.count + scope.region.utf8.count
                            + scope.service.utf8.count + terminator.utf8.count + 2 * canonicalRequestDigest.count + 8)
        let newline = UInt8(ascii: "\n"), slash = UInt8(ascii: "/")
        out.append(contentsOf: algorithm.utf8)
        out.append(newline)
        out.append(contentsOf: amzDate.utf8)
        out.append(newline)
        out.append(contentsOf: scope.date.utf8)
        out.append(slash)
        out.append(contentsOf: scope.region.utf8)
        out.append(slash)
        out.append(contentsOf: scope.service.utf8)
        out.append(slash)
        out.append(contentsOf: terminator.utf8)
        out.append(newline)
        Hex.append(canonicalRequestDigest, to: &out)
        return out
    }

    /// The lowercase hex bytes of the signature of `stringToSign` (`signature(signingKey:stringToSign:)`'s UTF-8).
    package static func signatureHexBytes(signingKey: [UInt8], stringToSign: [UInt8]) -> [UInt8] {
        signatureHexBytes(signingKey: HMACSHA256Key(signingKey), stringToSign: stringToSign)
    }

    /// `signatureHexBytes` under a signing key prepared once (`SigV4SigningKeyCache.signingHMACKey`).
    package static func signatureHexBytes(signingKey: HMACSHA256Key, stringToSign: [UInt8]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(2 * Digest.sha256ByteCount)
        Hex.append(signingKey.authenticate(stringToSign), to: &out)
        return out
    }
}
