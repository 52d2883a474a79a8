/// Who signed a request that `SigV4Verifier` accepted, and for which scope.
package struct SigV4Identity: Sendable, Equatable {
    package var accessKeyId: String
    package var region: String
    package var service: String
    /// The `X-Amz-Security-Token` the request carried (signed), if any. The verifier does not
    /// interpret it; callers that issue temporary credentials check it.
    package var securityToken: String?
    /// When the client says it signed, in Unix epoch seconds.
    package var signedAt: Int64

    package init(accessKeyId: String, region: String, service: String, securityToken: String? = nil, signedAt: Int64) {
        self.accessKeyId = accessKeyId
        self.region = region
        self.service = service
        self.securityToken = securityToken
        self.signedAt = signedAt
    }
}
