/// A failure of an admin API call, as Amazon API Gateway reports it.
///
/// Each case maps to one AWS error type and status (`type`, `status`); `message` is the body's
/// `message`, using AWS's exact wording where it is known. `AdminAPI` turns it into the response
/// (header `x-amzn-ErrorType`, body `{"message": …}`) in one place.
package enum AdminError: Error, Equatable, Sendable {
    /// 400 BadRequestException: the request is understood but invalid.
    case badRequest(String)
    /// 403 AccessDeniedException: the caller may not do this (AWS's common error, e.g. passing
    /// another account's role to an integration).
    case accessDenied(String)
    /// 404 NotFoundException.
    case notFound(String)
    /// 409 ConflictException: duplicates, or the store was busy with a concurrent change.
    case conflict(String)
    /// 429 LimitExceededException.
    case limitExceeded(String)
    /// 400 ValidationException: a member missing or outside its enum, in AWS's Coral wording.
    case validation(String)
    /// 400 SerializationException: the JSON body does not match the operation's input shape.
    case serialization(String)
    /// 501 NotImplementedException: the operation (or a feature of it) exists in AWS but not in Tollgate.
    case notImplemented(String)
    /// 404 UnknownOperationException: no modelled operation has this method and path.
    case unknownOperation(method: String, path: String)
    /// 413 RequestTooLongException: the body is over the 10 MiB limit (`AdminAPI.maxBodyBytes`).
    case requestTooLong
    /// 500 InternalFailure: a failure that is not the caller's fault (a store error such as a full
    /// disk). The string is the operator's detail: it goes to the log (`AdminAPI.errorResponse`),
    /// never to the client, who gets `internalFailureMessage`, so no SQLite text, SQL or path leaks.
    case internalFailure(String)

    package var status: Int {
        switch self {
        case .badRequest, .validation, .serialization: 400
        case .accessDenied: 403
        case .notFound, .unknownOperation: 404
        case .conflict: 409
        case .requestTooLong: 413
        case .limitExceeded: 429
        case .notImplemented: 501
        case .internalFailure: 500
        }
    }

    /// The bare error code sent in `x-amzn-ErrorType`.
    package var type: String {
        switch self {
        case .badRequest: "BadRequestException"
        case .accessDenied: "AccessDeniedException"
        case .notFound: "NotFoundException"
        case .conflict: "ConflictException"
        case .requestTooLong: "RequestTooLongException"
        case .limitExceeded: "LimitExceededException"
        case .validation: "ValidationException"
        case .serialization: "SerializationException"
        case .notImplemented: "NotImplementedException"
        case .unknownOperation: "UnknownOperationException"
        case .internalFailure: "InternalFailure"
        }
    }

    package var message: String {
        switch self {
        case .badRequest(let m), .accessDenied(let m), .notFound(let m), .conflict(let m), .limitExceeded(let m), .validation(let m),
             .serialization(let m), .notImplemented(let m):
            m
        case .internalFailure:
            Self.internalFailureMessage
        case .requestTooLong:
            // As API Gateway's data plane answers it; AWS's control-plane text is unverified.
            "Request Too Long"
        case .unknownOperation(let method, let path):
            "No API Gateway operation matches \(method) \(path)"
        }
    }

    /// What a client reads for every 500: AWS's documented text for `InternalFailure` (common errors).
    package static let internalFailureMessage = "The request processing has failed because of an unknown error, exception or failure."

    /// The detail of an `internalFailure` for the log; nil for the errors a client is meant to read.
    package var logDetail: String? {
        if case .internalFailure(let detail) = self { return detail }
        return nil
    }

    /// The error for a store failure: SQLite busy/locked → AWS's concurrent-modification conflict,
    /// anything else (disk full, I/O error, corrupt row) → 500 with the detail kept for the log only.
    package init(_ error: StoreError) {
        if case .sqlite(let code, _, _) = error, code & 0xff == 5 || code & 0xff == 6 {  // SQLITE_BUSY, SQLITE_LOCKED
            self = .conflict("Unable to complete operation due to concurrent modification. Please try again later.")
        } else {
            self = .internalFailure("store failure: \(error)")
        }
    }

    /// 501 for a modelled operation that has no handler.
    static func operationNotImplemented(_ operation: String) -> AdminError {
        .notImplemented("Tollgate does not implement the API Gateway operation \(operation)")
    }

    /// AWS's message for a required member that is absent, e.g. `createRestApiInput.name`.
    static func missing(_ member: String, in operation: String) -> AdminError {
        .validation("1 validation error detected: Value null at '\(inputShape(operation)).\(member)' failed to satisfy constraint: Member must not be null")
    }

    /// AWS's message for a value outside an enum, e.g. `putIntegrationInput.type`.
    static func notInEnum(_ value: String, _ member: String, in operation: String, allowed: [String]) -> AdminError {
        .validation("1 validation error detected: Value '\(value)' at '\(inputShape(operation)).\(member)' failed to satisfy constraint: Member must satisfy enum value set: [\(allowed.joined(separator: ", "))]")
    }

    private static func inputShape(_ operation: String) -> String {
        operation.prefix(1).lowercased() + operation.dropFirst() + "Input"
    }
}
