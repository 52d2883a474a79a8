/// An AWS access key pair, with the session token that temporary credentials carry.
///
/// Holds a secret: never log it or put it in an error (its `description` hides the secret).
package struct SigV4Credentials: Sendable, Equatable, CustomStringConvertible {
    package var accessKeyId: String
    package var secretAccessKey: String
    package var sessionToken: String?

    package init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    package var description: String { "SigV4Credentials(\(accessKeyId), secret: <redacted>)" }
}
