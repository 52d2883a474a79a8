/// A stage's `accessLogSettings.format`, compiled once per snapshot: literal text and
/// `$context.NAME` references, in order (docs/compatibility.md, "Access logs").
///
/// Pure: `compile` reads the text and nothing else. A reference is `$context.` followed by the
/// longest run of `A-Z a-z 0-9 _ .`, and `:` between two of those (`authorizer.claims.cognito:groups`;
/// a trailing `.` or `:` stays literal, so `$context.status.` ends the sentence); a `$` not followed by `context.` is literal text. One trailing newline is allowed
/// and dropped (each rendered line ends in one); any other line break is refused, as AWS refuses a
/// multi-line format. The format must reference `$context.requestId` or `$context.extendedRequestId`.
package struct AccessLogFormat: Sendable, Equatable {
    /// One piece of the format.
    package enum Piece: Sendable, Equatable {
        case literal(String)
        /// The name after `$context.` (`identity.sourceIp`).
        case variable(String)
    }

    /// Why a format is refused; `message` is AWS's wording.
    package enum Failure: Error, Sendable, Equatable {
        case multiLine
        case missingRequestId

        package var message: String {
            switch self {
            case .multiLine: return "Access Log format must be single line, new line character is allowed only at end of the format"
            case .missingRequestId: return "Access Log format must include either $context.requestId or $context.extendedRequestId"
            }
        }
    }

    package let pieces: [Piece]

    package init(pieces: [Piece]) { self.pieces = pieces }

    /// Compiles `text`; throws when AWS would refuse it.
    package static func compile(_ text: String) throws(Failure) -> AccessLogFormat {
        var bytes = Array(text.utf8)
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        guard !bytes.contains(UInt8(ascii: "\n")), !bytes.contains(UInt8(ascii: "\r")) else { throw .multiLine }
        let prefix = Array("$context.".utf8)
        var pieces: [Piece] = []
        var literalStart = 0
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "$"), bytes[index...].starts(with: prefix) else {
                index += 1
                continue
            }
            let nameStart = index + prefix.count
            var nameEnd = nameStart
            while nameEnd < bytes.count, isNameByte(bytes[nameEnd])
                || (bytes[nameEnd] == UInt8(ascii: ":") && nameEnd + 1 < bytes.count && isNameByte(bytes[nameEnd + 1])) {
                nameEnd += 1
            }
            while nameEnd > nameStart, bytes[nameEnd - 1] == UInt8(ascii: ".") { nameEnd -= 1 }
            guard nameEnd > nameStart else {
                index += 1
                continue
            }
            if literalStart < index { pieces.append(.literal(String(decoding: bytes[literalStart..<index], as: UTF8.self))) }
            pieces.append(.variable(String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self)))
            index = nameEnd
            literalStart = nameEnd
        }
        if literalStart < bytes.count { pieces.append(.literal(String(decoding: bytes[literalStart...], as: UTF8.self))) }
        let format = AccessLogFormat(pieces: pieces)
        guard format.pieces.contains(where: { $0 == .variable("requestId") || $0 == .variable("extendedRequestId") }) else {
            throw .missingRequestId
        }
        return format
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }
}
