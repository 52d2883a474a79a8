import Shared

/// An IAM failure with the code, HTTP status and message IAM answers (botocore `iam` 2010-05-08
/// error shapes); rendered by `IAMXML.error` in one place (`IAMAPI.errorResponse`).
struct IAMError: Error, Equatable {
    let code: String
    let status: Int
    let message: String
    /// `Sender` (the caller's fault) or `Receiver`.
    var isSender: Bool { status < 500 }

    static func noSuchEntity(_ message: String) -> IAMError { IAMError(code: "NoSuchEntity", status: 404, message: message) }
    static func alreadyExists(_ message: String) -> IAMError { IAMError(code: "EntityAlreadyExists", status: 409, message: message) }
    static func deleteConflict(_ message: String) -> IAMError { IAMError(code: "DeleteConflict", status: 409, message: message) }
    static func limitExceeded(_ message: String) -> IAMError { IAMError(code: "LimitExceeded", status: 409, message: message) }
    static func malformedPolicy(_ message: String) -> IAMError { IAMError(code: "MalformedPolicyDocument", status: 400, message: message) }
    static func invalidInput(_ message: String) -> IAMError { IAMError(code: "InvalidInput", status: 400, message: message) }
    static func validation(_ message: String) -> IAMError { IAMError(code: "ValidationError", status: 400, message: message) }
    static func invalidAction(_ action: String) -> IAMError {
        IAMError(code: "InvalidAction", status: 400, message: "Could not find operation \(action) for version \(IAMQueryRequest.version)")
    }
    static let missingAction = IAMError(code: "MissingAction", status: 400, message: "Missing Action")
    static func serviceFailure(_ detail: String) -> IAMError {
        IAMError(code: "ServiceFailure", status: 500, message: "The request processing has failed because of an unknown error, exception or failure.")
    }

    /// A required member that was not sent, in AWS's validation wording.
    static func missing(_ member: String) -> IAMError {
        validation("1 validation error detected: Value null at '\(member)' failed to satisfy constraint: Member must not be null")
    }
}
