/// Generated API key values: 40 characters of `A`–`Z`, `a`–`z`, `0`–`9`, like the ones AWS issues.
///
/// Drawn from `SecureRandom` with rejection sampling (no modulo bias): 40 × log2(62) ≈ 238 bits.
/// Values are secrets; snapshots and logs carry only their SHA-256 (`Digest.sha256Hex`).
package enum ApiKeyValue {
    /// Length of a generated value.
    package static let length = 40

    /// The 62 symbols values are made of.
    package static let alphabet: [UInt8] =
        Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// A fresh random key value.
    package static func generate() -> String {
        SecureRandom.string(length: length, alphabet: alphabet)
    }
}
