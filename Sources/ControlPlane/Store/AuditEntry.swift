/// One row of the audit log: a mutating admin call and how it ended.
/// JSON shape of `GET /_tollgate/v1/audit` items.
package struct AuditEntry: Codable, Sendable, Equatable {
    package var seq: Int64
    package var requestId: String
    /// Epoch seconds.
    package var at: Int64
    package var accessKeyId: String
    /// The botocore operation name (`CreateDeployment`, `UpdateStage`, …); `service:Name` for an
    /// operation of a service other than `apigateway` (`AdminOperation.auditName`).
    package var operation: String
    /// Ids the call addressed or created, outermost first (`[restApiId, stageName]`, `[newKeyId]`).
    package var targets: [String]
    /// The HTTP status answered.
    package var status: Int
    /// `x-amzn-ErrorType` when the call failed.
    package var errorType: String?

    package init(seq: Int64 = 0, requestId: String, at: Int64, accessKeyId: String, operation: String,
                 targets: [String], status: Int, errorType: String? = nil) {
        self.seq = seq
        self.requestId = requestId
        self.at = at
        self.accessKeyId = accessKeyId
        self.operation = operation
        self.targets = targets
        self.status = status
        self.errorType = errorType
    }
}
