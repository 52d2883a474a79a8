import Shared

/// The audit row as a process-log line: the admin audit as a log stream (docs/operations.md,
/// "The admin audit as a log stream").
extension AuditEntry {
    /// The line's fields, in this order: `seq`, `requestId`, `operation`, `targets` (comma-separated),
    /// `status`, `errorType` (only when the call failed), `accessKeyId`. A row holds no body and no
    /// secret, so neither can reach the log.
    package var logFields: [(String, String)] {
        var fields: [(String, String)] = [("seq", String(seq)), ("requestId", requestId), ("operation", operation),
                                          ("targets", targets.joined(separator: ",")), ("status", String(status))]
        if let errorType { fields.append(("errorType", errorType)) }
        fields.append(("accessKeyId", accessKeyId))
        return fields
    }

    /// Writes this (committed) row to `log` as one line, component `audit`, level info.
    package func write(to log: ProcessLog) {
        log.with(component: "audit").info("admin call \(operation) answered \(status)", fields: logFields)
    }
}
