/// The signature information a request carries — from its `Authorization` header or from a
/// presigned query — read and syntax-checked, but not yet checked against a clock or a key.
///
/// Pure parsing. Error messages follow the wording AWS front ends answer with (as seen in AWS
/// responses quoted in SDK issue trackers); where AWS's exact text is unknown the message says
/// plainly what is wrong.
struct SigV4Claim: Equatable {
    enum Form: Equatable {
        case header
        /// A presigned URL, valid for this many seconds after `signedAt`.
        case presigned(expires: Int64)
    }

    var form: Form
    /// `AKID/yyyyMMdd/region/service/aws4_request`, as sent.
    var credential: String
    /// Lower-case header names, in the order the client listed them.
    var signedHeaders: [String]
    var signedHeadersText: String
    var signature: String
    /// The request time in ISO 8601 basic form, as it enters the string to sign.
    var amzDate: String
    var signedAt: Int64

    // MARK: - Authorization header

    /// Reads `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` together
    /// with the request's `X-Amz-Date` (or, failing that, `Date`) header.
    static func parse(authorization: String, headers: HTTPHeaders) -> Result<SigV4Claim, SigV4Error> {
        guard let parameters = scanParameters(authorization) else { return parseReportingErrors(authorization: authorization, headers: headers) }
        let dateHeader = headers["X-Amz-Date"].map { (text: $0, isAmz: true) }
            ?? headers["Date"].map { (text: $0, isAmz: false) }
        guard let dateHeader else { return parseReportingErrors(authorization: authorization, headers: headers) }
        return claim(credential: parameters.credential, signedHeaders: parameters.signedHeaders, signature: parameters.signature,
                     dateHeader: dateHeader, headers: headers)
    }

    /// The three parameters of a well-formed header, read in one pass over its UTF-8 bytes (no
    /// `Character`s, no dictionary): the hot path of every `AWS_IAM` request (`SigV4Claim.parse`
    /// was ~121k instructions of a 441k request, docs/performance.md). nil for anything the
    /// character-level reader must judge and word an error for — another algorithm, a piece without
    /// `=`, a parameter missing, any non-ASCII byte (a grapheme cluster could then hide a separator) —
    /// so both readers accept exactly the same headers with the same result. Later duplicates win, as
    /// in the dictionary of `parseReportingErrors`.
    static func scanParameters(_ authorization: String) -> (credential: Substring, signedHeaders: Substring, signature: Substring)? {
        // Over the contiguous bytes with integer offsets: stepping `String.UTF8View` indices cost
        // ~40 instructions a byte, ~8,500 for a typical header (bench/instructions.sh, issue 14).
        guard let found = authorization.utf8.withContiguousStorageIfAvailable(scanOffsets), let (credential, signedHeaders, signature) = found else {
            return nil
        }
        let utf8 = authorization.utf8
        func piece(_ range: Range<Int>) -> Substring {
            // The offsets bound ASCII bytes (`scanOffsets` refuses any other), so they are character boundaries.
            Substring(utf8[utf8.index(utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: range.upperBound)])
        }
        return (piece(credential), piece(signedHeaders), piece(signature))
    }

    /// `scanParameters` over the header's bytes: the byte ranges of the three values.
    private static func scanOffsets(_ bytes: UnsafeBufferPointer<UInt8>) -> (Range<Int>, Range<Int>, Range<Int>)? {
        let (space, comma, equal) = (UInt8(ascii: " "), UInt8(ascii: ","), UInt8(ascii: "="))
        let count = bytes.count
        var index = 0
        while index < count, bytes[index] == space { index += 1 }
        for expected in SigV4Canonicalizer.algorithm.utf8 {
            guard index < count, bytes[index] == expected else { return nil }
            index += 1
        }
        guard index < count, bytes[index] == space else { return nil }
        var credential: Range<Int>?
        var signedHeaders: Range<Int>?
        var signature: Range<Int>?
        while index < count {
            let byte = bytes[index]
            if byte == space || byte == comma {
                index += 1
                continue
            }
            let start = index
            var equals: Int?
            while index < count {
                let byte = bytes[index]
                if byte >= 0x80 { return nil }
                if byte == space || byte == comma { break }
                if byte == equal, equals == nil { equals = index }
                index += 1
            }
            guard let equals else { return nil }
            let key = UnsafeBufferPointer(rebasing: bytes[start..<equals])
            let value = (equals + 1)..<index
            if key.elementsEqual("Credential".utf8) {
                credential = value
            } else if key.elementsEqual("SignedHeaders".utf8) {
                signedHeaders = value
            } else if key.elementsEqual("Signature".utf8) {
                signature = value
            }
        }
        guard let credential, let signedHeaders, let signature else { return nil }
        return (credential, signedHeaders, signature)
    }

    /// The claim of a header whose parameters are all present, and its date header.
    private static func claim(credential: Substring, signedHeaders: Substring, signature: Substring,
                              dateHeader: (text: String, isAmz: Bool), headers: HTTPHeaders) -> Result<SigV4Claim, SigV4Error> {
        let names = signedHeaders.splitUTF8(UInt8(ascii: ";")).map { String($0) }
        if let failure = checkSignedHeaders(names, headers: headers) { return .failure(failure) }

        let signedAt = dateHeader.isAmz ? SigV4Date.parseISO8601Basic(dateHeader.text)
                                        : SigV4Date.parseHTTPDate(dateHeader.text)
        guard let signedAt else { return .failure(badDate(dateHeader.text)) }
        return .success(SigV4Claim(
            form: .header, credential: String(credential), signedHeaders: names,
            signedHeadersText: String(signedHeaders), signature: String(signature),
            amzDate: dateHeader.isAmz ? dateHeader.text : SigV4Date.iso8601Basic(signedAt), signedAt: signedAt))
    }

    /// The character-level reader: the same answers as `parse` for a good header, and AWS's
    /// wording for every bad one.
    static func parseReportingErrors(authorization: String, headers: HTTPHeaders) -> Result<SigV4Claim, SigV4Error> {
        let trimmed = authorization.drop { $0 == " " }
        let algorithm = trimmed.prefix { $0 != " " }
        let rest = trimmed.dropFirst(algorithm.count)

        if algorithm != SigV4Canonicalizer.algorithm && algorithm.contains("-HMAC-") {
            return .failure(.incompleteSignature("Unsupported AWS 'algorithm': '\(algorithm)'."))
        }

        // AWS splits the parameters on commas and spaces alike, so a stray space inside a value
        // shows up as a separate piece without '='.
        var parameters: [Substring: Substring] = [:]
        for piece in rest.split(whereSeparator: { $0 == "," || $0 == " " }) {
            guard let equals = piece.firstIndex(of: "=") else {
                return .failure(.incompleteSignature(
                    "'\(piece)' not a valid key=value pair (missing equal-sign) in Authorization header: '\(authorization)'."))
            }
            parameters[piece[..<equals]] = piece[piece.index(after: equals)...]
        }

        let dateHeader = headers["X-Amz-Date"].map { (text: $0, isAmz: true) }
            ?? headers["Date"].map { (text: $0, isAmz: false) }
        var missing = ""
        for name in ["Credential", "Signature", "SignedHeaders"] where parameters[name[...]] == nil {
            missing += "Authorization header requires '\(name)' parameter. "
        }
        if dateHeader == nil {
            missing += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
        }
        if !missing.isEmpty || algorithm != SigV4Canonicalizer.algorithm {
            return .failure(.incompleteSignature(missing + "Authorization=\(algorithm)"))
        }
        guard let credential = parameters["Credential"], let signedHeaders = parameters["SignedHeaders"],
              let signature = parameters["Signature"], let dateHeader else {
            return .failure(.incompleteSignature("Authorization=\(algorithm)"))   // unreachable: checked above
        }
        return claim(credential: credential, signedHeaders: signedHeaders, signature: signature, dateHeader: dateHeader, headers: headers)
    }

    // MARK: - Presigned query

    /// The query parameter names that mark a presigned request.
    static let presignMarkers: Set<String> = ["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature"]

    /// Reads the `X-Amz-*` parameters of a presigned query (already percent-decoded).
    static func parse(presignedParameters parameters: [String: String], headers: HTTPHeaders) -> Result<SigV4Claim, SigV4Error> {
        let required = ["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-Date",
                        "X-Amz-SignedHeaders", "X-Amz-Expires"]
        let values = required.compactMap { parameters[$0] }
        guard values.count == required.count else {
            return .failure(.incompleteSignature(
                "AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', and 'X-Amz-Expires'. Re-examine the query-string parameters."))
        }
        let (algorithm, credential, signature, date, signedHeaders, expiresText) =
            (values[0], values[1], values[2], values[3], values[4], values[5])
        guard algorithm == SigV4Canonicalizer.algorithm else {
            return .failure(.incompleteSignature("Unsupported AWS 'algorithm': '\(algorithm)'."))
        }
        guard let expires = Int64(expiresText), expires > 0 else {
            return .failure(.incompleteSignature("X-Amz-Expires should be a positive number of seconds, got '\(expiresText)'."))
        }
        guard expires <= 604_800 else {
            return .failure(.incompleteSignature("X-Amz-Expires must be less than a week (in seconds) that is 604800"))
        }
        let names = signedHeaders.splitUTF8(UInt8(ascii: ";")).map { String($0) }
        if let failure = checkSignedHeaders(names, headers: headers) { return .failure(failure) }
        guard let signedAt = SigV4Date.parseISO8601Basic(date) else { return .failure(badDate(date)) }
        return .success(SigV4Claim(
            form: .presigned(expires: expires), credential: credential, signedHeaders: names,
            signedHeadersText: signedHeaders, signature: signature, amzDate: date, signedAt: signedAt))
    }

    // MARK: - Shared checks

    /// `Host` must be signed, and so must a session token sent as a header: otherwise a token could be
    /// attached to, or swapped on, someone else's signed request.
    private static func checkSignedHeaders(_ names: [String], headers: HTTPHeaders) -> SigV4Error? {
        if !names.contains("host") {
            return .invalidSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")
        }
        if headers.contains("X-Amz-Security-Token"), !names.contains("x-amz-security-token") {
            return .invalidSignature("'X-Amz-Security-Token' must be a 'SignedHeader' in the AWS Authorization.")
        }
        return nil
    }

    private static func badDate(_ text: String) -> SigV4Error {
        .incompleteSignature("Date must be in ISO-8601 'basic format'. Got '\(text)'. See http://en.wikipedia.org/wiki/ISO_8601")
    }
}
