@testable import Shared

/// Keys generated through libcrypto once per test process, and tokens signed with them.
enum JWTTestTokens {
    static let issuer = "http://127.0.0.1:9/pool"
    static let now: Int64 = 1_800_000_000
    static let rsa = SignatureSigningKey.generate(.rs256)
    static let ec = SignatureSigningKey.generate(.es256)
    /// A key that is in no key set (signatures by it must fail).
    static let stranger = SignatureSigningKey.generate(.rs256)

    /// The JWKS document holding `rsa` as `rsa-1` and `ec` as `ec-1`.
    static var jwks: [UInt8] {
        func entry(_ key: SignatureSigningKey, kid: String) -> JSONValue {
            .object(key.publicJWK.map { ($0.key, JSONValue.string($0.value)) } + [("kid", .string(kid)), ("use", .string("sig"))])
        }
        return Array(JSONValue.object([("keys", .array([entry(rsa, kid: "rsa-1"), entry(ec, kid: "ec-1")]))]).serialized().utf8)
    }

    static var keySet: JSONWebKeySet { JSONWebKeySet.parse(jwks)! }

    /// ID-token claims valid at `now`.
    static func claims(tokenUse: String = "id", issuer: String = issuer, exp: Int64 = now + 3600,
                       extra: [(key: String, value: JSONValue)] = []) -> [(key: String, value: JSONValue)] {
        [("sub", .string("user-1")), ("iss", .string(issuer)), ("token_use", .string(tokenUse)), ("aud", .string("client-1")),
         ("iat", .number(Double(now - 60))), ("exp", .number(Double(exp))), ("email", .string("a@example.com"))] + extra
    }

    /// A compact JWS: `header` and `claims` as given, signed by `key` (unsigned with `alg` none).
    static func token(_ claims: [(key: String, value: JSONValue)], key: SignatureSigningKey? = rsa, alg: String? = nil, kid: String? = "rsa-1") -> String {
        var header: [(key: String, value: JSONValue)] = [("alg", .string(alg ?? key?.algorithm.rawValue ?? "none")), ("typ", .string("JWT"))]
        if let kid { header.append(("kid", .string(kid))) }
        let input = Base64URL.encode(Array(JSONValue.object(header).serialized().utf8)) + "."
            + Base64URL.encode(Array(JSONValue.object(claims).serialized().utf8))
        let signature = key.map { $0.sign(Array(input.utf8)) } ?? []
        return input + "." + Base64URL.encode(signature)
    }
}
