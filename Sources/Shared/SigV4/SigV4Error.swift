/// Why a request failed AWS Signature Version 4 authentication, with the error type and message
/// Amazon's services answer.
///
/// Every case maps to HTTP 403 (`httpStatus`), as Amazon API Gateway answers all of them.
/// The `String` payloads are complete, client-facing messages in AWS's wording where that wording is
/// known (see each producer in `SigV4Verifier`); they never contain a secret.
package enum SigV4Error: Error, Equatable, Sendable {
    /// Neither an `Authorization` header nor presigned query parameters were sent.
    case missingAuthentication
    /// The signature information is malformed or incomplete (bad header syntax, missing parameter,
    /// unreadable date, wrong number of credential elements).
    case incompleteSignature(String)
    /// The access key id is not one we know.
    case unrecognizedClient
    /// The signature was readable but wrong: mismatch, a bad credential scope, an unsigned
    /// `Host`, a body that does not match `X-Amz-Content-Sha256`.
    case invalidSignature(String)
    /// The request time is outside the allowed clock skew, or a presigned URL has expired.
    case signatureExpired(String)

    /// AWS's message for a signature that does not match.
    package static let signatureMismatchMessage =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."

    /// The value for `x-amzn-ErrorType`.
    package var awsErrorType: String {
        switch self {
        case .missingAuthentication: "MissingAuthenticationTokenException"
        case .incompleteSignature: "IncompleteSignatureException"
        case .unrecognizedClient: "UnrecognizedClientException"
        case .invalidSignature, .signatureExpired: "InvalidSignatureException"
        }
    }

    /// The `message` of the JSON error body.
    package var message: String {
        switch self {
        case .missingAuthentication: "Missing Authentication Token"
        case .unrecognizedClient: "The security token included in the request is invalid."
        case .incompleteSignature(let text), .invalidSignature(let text), .signatureExpired(let text): text
        }
    }

    /// The HTTP status to answer with.
    package var httpStatus: Int { 403 }
}
