/// How an AWS service's API is spoken, for the services Tollgate's AWS integrations call
/// (values from the services' published API models, as botocore ships them).
package enum AWSServiceProtocol: Sendable, Equatable {
    /// The query protocol (SQS, SNS): `Action=` in the query; the body is the template's.
    case query
    /// The JSON protocol: an action-style call carries `X-Amz-Target: {targetPrefix}.{Action}` and,
    /// unless the integration maps one, `Content-Type: application/x-amz-json-{version}`.
    case json(targetPrefix: String, version: String)
    /// REST-style services (S3): path style only; signed without path normalisation and with the
    /// payload's SHA-256 in `X-Amz-Content-Sha256`, as S3 requires.
    case rest

    /// The services served, by the name the integration ARN gives them.
    package static let supported: [String: AWSServiceProtocol] = [
        "sqs": .query,
        "sns": .query,
        "dynamodb": .json(targetPrefix: "DynamoDB_20120810", version: "1.0"),
        "states": .json(targetPrefix: "AWSStepFunctions", version: "1.0"),
        "kinesis": .json(targetPrefix: "Kinesis_20131202", version: "1.1"),
        "s3": .rest,
    ]

    /// The protocol of `service`, nil for one Tollgate does not call.
    package static func forService(_ service: String) -> AWSServiceProtocol? { supported[service] }

    /// The names in `supported`, sorted, for error messages.
    package static var supportedNames: String { supported.keys.sorted().joined(separator: ", ") }
}
