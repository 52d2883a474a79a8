/// A gateway response's body template, compiled once per snapshot.
///
/// Amazon API Gateway does not run gateway response templates through the VTL engine: they support
/// "only simple variable substitution" (`x-amazon-apigateway-gateway-responses.responseTemplates`).
/// So this is a list of pieces: literal text, `$context.NAME` (dotted names: `error.messageString`,
/// `identity.sourceIp`, `authorizer.principalId`) and `$stageVariables.NAME`. Anything else —
/// `#if`, `$input`, `${…}` — stays literal text, as AWS leaves it.
package struct GatewayResponseTemplate: Sendable, Equatable {
    package enum Piece: Sendable, Equatable {
        case text(String)
        case context(String)
        case stageVariable(String)
    }

    /// Lowercased media type.
    package let contentType: String
    package let pieces: [Piece]

    package init(contentType: String, source: String) {
        self.contentType = contentType
        pieces = Self.parse(source)
    }

    static func parse(_ source: String) -> [Piece] {
        let bytes = Array(source.utf8)
        var pieces: [Piece] = []
        var text: [UInt8] = []
        var i = 0
        let prefixes: [([UInt8], (String) -> Piece)] = [
            (Array("$context.".utf8), { .context($0) }),
            (Array("$stageVariables.".utf8), { .stageVariable($0) }),
        ]
        scan: while i < bytes.count {
            if bytes[i] == UInt8(ascii: "$") {
                for (prefix, make) in prefixes where bytes[i...].starts(with: prefix) {
                    var end = i + prefix.count
                    while end < bytes.count, Self.isNameByte(bytes[end]) { end += 1 }
                    // A trailing `.` ends the sentence, not the name (`$context.stage.`).
                    while end > i + prefix.count, bytes[end - 1] == UInt8(ascii: ".") { end -= 1 }
                    guard end > i + prefix.count else { continue }
                    if !text.isEmpty { pieces.append(.text(String(decoding: text, as: UTF8.self))); text.removeAll() }
                    pieces.append(make(String(decoding: bytes[(i + prefix.count)..<end], as: UTF8.self)))
                    i = end
                    continue scan
                }
            }
            text.append(bytes[i])
            i += 1
        }
        if !text.isEmpty { pieces.append(.text(String(decoding: text, as: UTF8.self))) }
        return pieces
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }
}
