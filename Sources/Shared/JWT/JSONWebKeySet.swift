/// An issuer's signing keys (a JWKS document, RFC 7517 §5), parsed once per fetch. Pure.
///
/// RSA keys (`kty: RSA`, `n`, `e`, at least 2048 bits) verify RS256; EC keys on P-256 (`kty: EC`,
/// `crv: P-256`, `x`, `y`) verify ES256. Keys marked for another use (`use` other than `sig`), with
/// an `alg` that does not fit their type, or unreadable are skipped, never fatal: one odd key does
/// not take the issuer's other keys down. A key without `kid` is found by tokens without one.
package struct JSONWebKeySet: Sendable {
    package let keys: [String: SignatureVerificationKey]

    package init(keys: [String: SignatureVerificationKey]) {
        self.keys = keys
    }

    /// Documents larger than this are refused (AWS's JWKS limit is 150,000 bytes).
    package static let maximumBytes = 150_000

    /// Parses a JWKS document; nil when it is not `{"keys":[…]}`.
    package static func parse(_ bytes: [UInt8]) -> JSONWebKeySet? {
        guard bytes.count <= maximumBytes, let document = try? JSONParser.parse(bytes), case .array(let entries)? = document["keys"] else {
            return nil
        }
        var keys: [String: SignatureVerificationKey] = [:]
        for entry in entries {
            guard case .object = entry else { continue }
            if case .string(let use)? = entry["use"], use != "sig" { continue }
            let kid: String
            switch entry["kid"] {
            case .string(let text)?: kid = text
            case nil: kid = ""
            default: continue
            }
            guard let key = Self.key(entry), keys[kid] == nil else { continue }
            keys[kid] = key
        }
        return JSONWebKeySet(keys: keys)
    }

    private static func key(_ entry: JSONValue) -> SignatureVerificationKey? {
        func member(_ name: String) -> [UInt8]? {
            guard case .string(let text)? = entry[name] else { return nil }
            return Base64URL.decode(text)
        }
        var declared: String?
        if case .string(let alg)? = entry["alg"] { declared = alg }
        switch entry["kty"] {
        case .string("RSA")?:
            guard declared == nil || declared == "RS256", let n = member("n"), let e = member("e") else { return nil }
            return SignatureVerificationKey.rsa(modulus: n, exponent: e)
        case .string("EC")?:
            guard declared == nil || declared == "ES256", entry["crv"] == .string("P-256"), let x = member("x"), let y = member("y") else {
                return nil
            }
            return SignatureVerificationKey.p256(x: x, y: y)
        default:
            return nil
        }
    }
}
