/// Identifiers shaped like Amazon API Gateway's: lowercase letters and digits, from `SecureRandom`.
///
/// AWS uses 10 characters for REST API ids (and API key ids) and shorter ones, typically 6, for
/// resources, deployments, usage plans, authorizers and the like. Every character is drawn
/// uniformly from the 36 symbols with no modulo bias, so 6 characters carry about 31 bits and 10
/// about 51.7 bits: callers must still check for collisions against their store.
package enum ResourceID {
    /// Length of a REST API id and of an API key id (`a1b2c3d4e5`).
    package static let restApiLength = 10
    /// Length of a resource, deployment, usage plan or other child id (`abc123`).
    package static let childLength = 6

    /// The 36 symbols ids are made of, `a`…`z` then `0`…`9`.
    package static let alphabet: [UInt8] = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// A fresh random id of `length` characters (positive).
    package static func generate(length: Int) -> String {
        precondition(length > 0, "ResourceID.generate: length must be positive")
        return SecureRandom.string(length: length, alphabet: alphabet)
    }

    /// True when `text` has `length` characters, all lowercase letters or digits.
    package static func isWellFormed(_ text: some StringProtocol, length: Int) -> Bool {
        text.utf8.count == length && text.utf8.allSatisfy { alphabet.contains($0) }
    }
}
