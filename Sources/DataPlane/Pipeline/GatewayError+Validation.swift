extension GatewayError {
    /// `$context.error.validationErrorString` for this error: the body's schema violations for
    /// BAD_REQUEST_BODY (`[instance type (string) does not match any allowed primitive type …]`),
    /// the message for BAD_REQUEST_PARAMETERS, nil for every other error.
    package var validationErrorString: String? {
        switch self {
        case .invalidRequestBody(let violations): return violations
        case .missingRequiredParameters(let names): return "Missing required request parameters: [" + names.joined(separator: ", ") + "]"
        default: return nil
        }
    }
}
