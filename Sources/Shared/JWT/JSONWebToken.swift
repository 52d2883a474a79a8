/// A compact-serialised JWS token (`header.payload.signature`), split and decoded but **not**
/// verified (`JWTVerifier` does that). Pure.
package struct JSONWebToken: Sendable {
    package let header: JSONValue
    package let claims: JSONValue
    /// `header.payload` as sent: what the signature covers.
    package let signingInput: [UInt8]
    package let signature: [UInt8]

    /// Tokens longer than this are refused unread (AWS's header limit is lower still).
    package static let maximumLength = 16 * 1024

    package init(_ text: String) throws(JWTError) {
        guard text.utf8.count <= Self.maximumLength else { throw .malformed }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty,
              let headerBytes = Base64URL.decode(parts[0]), let payloadBytes = Base64URL.decode(parts[1]),
              let signature = Base64URL.decode(parts[2]) else { throw .malformed }
        guard let header = try? JSONParser.parse(headerBytes), case .object = header,
              let claims = try? JSONParser.parse(payloadBytes), case .object = claims else { throw .malformed }
        self.header = header.keepingLastOfDuplicateKeys()
        self.claims = claims.keepingLastOfDuplicateKeys()
        self.signature = signature
        signingInput = Array(text.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
    }

    /// The header's `alg` ("" when absent or not a string).
    package var algorithm: String {
        if case .string(let value)? = header["alg"] { return value }
        return ""
    }

    /// The header's `kid`, nil when absent.
    package var keyId: String? {
        if case .string(let value)? = header["kid"] { return value }
        return nil
    }

    /// A string claim, nil when absent or of another type.
    package func string(_ name: String) -> String? {
        if case .string(let value)? = claims[name] { return value }
        return nil
    }

    /// A numeric date claim in seconds, nil when absent or not a number.
    package func seconds(_ name: String) -> Double? {
        if case .number(let value)? = claims[name] { return value }
        return nil
    }

    /// The claims as the strings `$context.authorizer.claims.*` shows: strings as they are, numbers
    /// and booleans printed, arrays joined by commas, objects as JSON text.
    package var claimStrings: [(key: String, value: String)] {
        guard case .object(let members) = claims else { return [] }
        return members.map { ($0.key, Self.text($0.value)) }
    }

    private static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return text
        case .number(let number): return JSONValue.format(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return ""
        case .array(let items): return items.map(text).joined(separator: ",")
        case .object: return value.serialized()
        }
    }
}
