/// Why a JSON Web Token is not accepted; every case is a 401 `Unauthorized` at the gateway
/// (`unknownKey` first makes the caller refresh the issuer's keys once).
package enum JWTError: Error, Equatable, Sendable {
    /// Not three base64url parts of JSON objects.
    case malformed
    /// `alg` is not RS256 or ES256 (`none` included).
    case unsupportedAlgorithm(String)
    /// No key of the issuer's set has the token's `kid`.
    case unknownKey
    /// The key's algorithm differs from the token's `alg`.
    case keyAlgorithmMismatch
    case badSignature
    case wrongIssuer
    case expired
    case notYetValid
    case issuedInFuture
    case wrongTokenUse
    case missingScope
    case audienceMismatch
}
