import Foundation
import Shared

/// Checks the AWS Signature V4 on an admin request against the one admin credential.
///
/// Any region is accepted (the CLI may be configured for any); the service must be `apigateway`
/// or `iam` (the IAM subset on the same endpoint, told apart by this scope); the clock is the wall
/// clock in epoch seconds. Failures become AWS's 403 error shapes.
struct AdminAuthenticator: Sendable {
    private let verifier: SigV4Verifier
    static let apiGatewayService = "apigateway"
    static let iamService = "iam"

    init(accessKeyId: String, secretAccessKey: String, clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) {
        verifier = SigV4Verifier(credentials: { $0 == accessKeyId ? secretAccessKey : nil }, clock: clock, service: nil)
    }

    /// Who signed (access key id and the scope's service), or the error response AWS would send.
    func authenticate(_ request: HTTPRequest, requestId: String) -> Result<SigV4Identity, AdminAuthenticationFailure> {
        var outcome = verifier.verify(request)
        if case .success(let identity) = outcome, identity.service != Self.apiGatewayService, identity.service != Self.iamService {
            // The verifier accepts any service so that both can share the endpoint; any other is refused as AWS words it.
            outcome = .failure(.invalidSignature("Credential should be scoped to correct service: '\(Self.apiGatewayService)'. "))
        }
        switch outcome {
        case .success(let identity):
            return .success(identity)
        case .failure(let error):
            var headers = HTTPHeaders()
            headers.add("x-amzn-RequestId", requestId)
            headers.add("x-amzn-ErrorType", error.awsErrorType)
            headers.add("Content-Type", "application/json")
            let body = (try? JSONSerialization.data(withJSONObject: ["message": error.message])).map { Array($0) } ?? []
            return .failure(AdminAuthenticationFailure(response: HTTPResponse(status: error.httpStatus, headers: headers, body: body)))
        }
    }
}

/// A refused admin request, carrying the response to send.
struct AdminAuthenticationFailure: Error {
    let response: HTTPResponse
}
