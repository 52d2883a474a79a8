import Testing
@testable import Shared

@Suite struct SigV4SigningKeyCacheTests {
    static let scope = SigV4Scope(date: "20260101", region: "us-east-1", service: "execute-api")

    @Test func cachedKeyEqualsTheDerivedKeyOnMissAndOnHit() {
        let cache = SigV4SigningKeyCache()
        let derived = SigV4Canonicalizer.signingKey(secretAccessKey: "secret", scope: Self.scope)
        #expect(cache.signingKey(accessKeyId: "AKID", secretAccessKey: "secret", scope: Self.scope) == derived)
        #expect(cache.signingKey(accessKeyId: "AKID", secretAccessKey: "secret", scope: Self.scope) == derived)
        #expect(cache.count == 1)
    }

    @Test(arguments: [
        SigV4Scope(date: "20260102", region: "us-east-1", service: "execute-api"),
        SigV4Scope(date: "20260101", region: "eu-west-1", service: "execute-api"),
        SigV4Scope(date: "20260101", region: "us-east-1", service: "apigateway"),
    ])
    func everyScopeFieldSelectsItsOwnKey(other: SigV4Scope) {
        let cache = SigV4SigningKeyCache()
        _ = cache.signingKey(accessKeyId: "AKID", secretAccessKey: "secret", scope: Self.scope)
        #expect(cache.signingKey(accessKeyId: "AKID", secretAccessKey: "secret", scope: other)
            == SigV4Canonicalizer.signingKey(secretAccessKey: "secret", scope: other))
        #expect(cache.count == 2)
    }

    @Test func aNewSecretForTheSameAccessKeyNeverMeetsTheOldKey() {
        let cache = SigV4SigningKeyCache()
        _ = cache.signingKey(accessKeyId: "AKID", secretAccessKey: "old", scope: Self.scope)
        #expect(cache.signingKey(accessKeyId: "AKID", secretAccessKey: "new", scope: Self.scope)
            == SigV4Canonicalizer.signingKey(secretAccessKey: "new", scope: Self.scope))
    }

    @Test func holdsAtMostItsCapacity() {
        let cache = SigV4SigningKeyCache(capacity: 3)
        for index in 0..<10 {
            let key = cache.signingKey(accessKeyId: "AKID\(index)", secretAccessKey: "secret", scope: Self.scope)
            #expect(key == SigV4Canonicalizer.signingKey(secretAccessKey: "secret", scope: Self.scope))
            #expect(cache.count <= 3)
        }
    }
}
