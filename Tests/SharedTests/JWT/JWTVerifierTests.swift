import Testing
@testable import Shared

@Suite struct JWTVerifierTests {
    typealias T = JWTTestTokens

    static func check(_ text: String, scopes: [String] = [], tokenUse: String? = "id", audience: String? = nil, now: Int64 = T.now) -> JWTError? {
        do {
            let token = try JSONWebToken(text)
            let pattern = try audience.map { try ECMARegex("^(?:" + $0 + ")$") }
            let policy = JWTVerifier.Policy(issuer: T.issuer, tokenUse: tokenUse, scopes: scopes, audiencePattern: pattern)
            try JWTVerifier.verify(token, keys: T.keySet, policy: policy, now: now)
            return nil
        } catch let error as JWTError {
            return error
        } catch {
            Issue.record("unexpected \(error)")
            return .malformed
        }
    }

    @Test func acceptsValidRS256AndES256Tokens() {
        #expect(Self.check(T.token(T.claims())) == nil)
        #expect(Self.check(T.token(T.claims(), key: T.ec, kid: "ec-1")) == nil)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let token: @Sendable () -> String
        var scopes: [String] = []
        var tokenUse: String? = "id"
        var audience: String?
        var now: Int64 = T.now
        let expected: JWTError
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "expired", token: { T.token(T.claims(exp: T.now - 31)) }, expected: .expired),
        Case(name: "no exp", token: { T.token(T.claims().filter { $0.key != "exp" }) }, expected: .expired),
        Case(name: "not yet valid", token: { T.token(T.claims(extra: [("nbf", .number(Double(T.now + 120)))])) }, expected: .notYetValid),
        Case(name: "issued in the future", token: { T.token(T.claims().filter { $0.key != "iat" } + [("iat", .number(Double(T.now + 120)))]) },
             expected: .issuedInFuture),
        Case(name: "wrong issuer", token: { T.token(T.claims(issuer: "http://127.0.0.1:9/other")) }, expected: .wrongIssuer),
        Case(name: "unknown kid", token: { T.token(T.claims(), kid: "rotated-2") }, expected: .unknownKey),
        Case(name: "no kid", token: { T.token(T.claims(), kid: nil) }, expected: .unknownKey),
        Case(name: "bad signature (another key)", token: { T.token(T.claims(), key: T.stranger) }, expected: .badSignature),
        Case(name: "bad signature (claims changed after signing)", token: {
            let parts = T.token(T.claims()).split(separator: ".")
            let forged = Base64URL.encode(Array(JSONValue.object(T.claims(extra: [("admin", .bool(true))])).serialized().utf8))
            return "\(parts[0]).\(forged).\(parts[2])"
        }, expected: .badSignature),
        Case(name: "alg none", token: { T.token(T.claims(), key: nil, alg: "none") }, expected: .unsupportedAlgorithm("none")),
        Case(name: "alg HS256", token: { T.token(T.claims(), key: nil, alg: "HS256") }, expected: .unsupportedAlgorithm("HS256")),
        Case(name: "RS256 header on the EC key", token: {
            let parts = T.token(T.claims(), key: T.ec, kid: "ec-1").split(separator: ".")
            let header = Base64URL.encode(Array(#"{"alg":"RS256","kid":"ec-1"}"#.utf8))
            return "\(header).\(parts[1]).\(parts[2])"
        }, expected: .keyAlgorithmMismatch),
        Case(name: "access token where an ID token is wanted", token: { T.token(T.claims(tokenUse: "access")) }, expected: .wrongTokenUse),
        Case(name: "ID token where scopes are wanted", token: { T.token(T.claims()) }, scopes: ["pets/read"], tokenUse: "access",
             expected: .wrongTokenUse),
        Case(name: "access token without the scope", token: { T.token(T.claims(tokenUse: "access", extra: [("scope", .string("pets/write email"))])) },
             scopes: ["pets/read"], tokenUse: "access", expected: .missingScope),
        Case(name: "audience pattern", token: { T.token(T.claims()) }, audience: "client-2", expected: .audienceMismatch),
        Case(name: "not a JWT", token: { "abc.def" }, expected: .malformed),
        Case(name: "payload not JSON", token: { "eyJhbGciOiJSUzI1NiJ9.bm90LWpzb24.c2ln" }, expected: .malformed),
    ]

    @Test(arguments: cases)
    func refuses(_ entry: Case) {
        #expect(Self.check(entry.token(), scopes: entry.scopes, tokenUse: entry.tokenUse, audience: entry.audience, now: entry.now) == entry.expected)
    }

    @Test func acceptsAnAccessTokenHoldingOneOfTheScopes() {
        let token = T.token(T.claims(tokenUse: "access", extra: [("scope", .string("email pets/read"))]))
        #expect(Self.check(token, scopes: ["pets/write", "pets/read"], tokenUse: "access") == nil)
    }

    @Test func allowsSmallClockSkew() {
        #expect(Self.check(T.token(T.claims(exp: T.now - 10))) == nil, "10 s past exp is within the 30 s skew")
        #expect(Self.check(T.token(T.claims(extra: [("nbf", .number(Double(T.now + 10)))]))) == nil)
    }

    @Test func skipsTokenUseWhenThePolicyDoes() {
        #expect(Self.check(T.token(T.claims().filter { $0.key != "token_use" }), tokenUse: nil) == nil)
    }

    @Test func audiencePatternMatchesTheWholeAudience() {
        #expect(Self.check(T.token(T.claims()), audience: "client-[0-9]") == nil)
        #expect(Self.check(T.token(T.claims()), audience: "client") == .audienceMismatch)
    }
}
