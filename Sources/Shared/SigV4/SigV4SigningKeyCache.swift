import Synchronization

/// Derived SigV4 signing keys, by access key id, secret and scope, so that a verified request
/// computes one HMAC (the signature) instead of five (issue 14, docs/performance.md).
///
/// The secret is part of the key: an entry can only ever answer for the secret it was derived
/// from, so a rotated secret never meets an old key. The verifier still looks the access key up on
/// every request before asking the cache, so an unknown, deleted or inactive key is refused whatever
/// the cache holds; the data plane also makes one cache per snapshot (`IAMPrincipalIndex`), so
/// nothing outlives the snapshot it was derived in. Bounded: when `capacity` entries are held the
/// next miss empties the cache first (the scope date changes once a day, so a full cache is rare).
/// Shared by every event loop behind one `Mutex`; the derivation itself runs outside the lock.
package final class SigV4SigningKeyCache: Sendable {
    struct Entry: Hashable {
        let accessKeyId: String
        let secretAccessKey: String
        let date: String
        let region: String
        let service: String
    }

    /// A derived key, as bytes (the signer's) and prepared for HMAC (the verifier's).
    struct Derived: Sendable {
        let bytes: [UInt8]
        let hmac: HMACSHA256Key
    }

    package let capacity: Int
    private let keys = Mutex<[Entry: Derived]>([:])

    package init(capacity: Int = 1024) {
        precondition(capacity > 0, "a signing-key cache holds at least one key")
        self.capacity = capacity
    }

    /// `SigV4Canonicalizer.signingKey(secretAccessKey:scope:)`, derived once per entry.
    package func signingKey(accessKeyId: String, secretAccessKey: String, scope: SigV4Scope) -> [UInt8] {
        derived(accessKeyId: accessKeyId, secretAccessKey: secretAccessKey, scope: scope).bytes
    }

    /// The same key prepared for HMAC (`HMACSHA256Key`): a verified request then hashes only its
    /// string to sign and one outer block (issue 14, docs/performance.md).
    package func signingHMACKey(accessKeyId: String, secretAccessKey: String, scope: SigV4Scope) -> HMACSHA256Key {
        derived(accessKeyId: accessKeyId, secretAccessKey: secretAccessKey, scope: scope).hmac
    }

    private func derived(accessKeyId: String, secretAccessKey: String, scope: SigV4Scope) -> Derived {
        let entry = Entry(accessKeyId: accessKeyId, secretAccessKey: secretAccessKey,
                          date: scope.date, region: scope.region, service: scope.service)
        if let key = keys.withLock({ $0[entry] }) { return key }
        let bytes = SigV4Canonicalizer.signingKey(secretAccessKey: secretAccessKey, scope: scope)
        let key = Derived(bytes: bytes, hmac: HMACSHA256Key(bytes))
        keys.withLock { keys in
            if keys.count >= capacity { keys.removeAll(keepingCapacity: true) }
            keys[entry] = key
        }
        return key
    }

    /// How many keys are held (for tests).
    package var count: Int { keys.withLock { $0.count } }
}
