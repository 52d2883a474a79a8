import Shared

/// The function-error documents Lambda itself writes (the runtime writes all others).
enum RunnerErrorDocument {
    /// `{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: ID Error: Task timed out after 3.00 seconds"}`.
    static func timedOut(requestId: String, timeoutNanos: UInt64) -> [UInt8] {
        document(type: "Sandbox.Timedout", message: "RequestId: \(requestId) Error: Task timed out after \(seconds(timeoutNanos)) seconds")
    }

    /// The init phase (spawn to first `/next`) took longer than its limit.
    static func initTimedOut(requestId: String, timeoutNanos: UInt64) -> [UInt8] {
        document(type: "Runtime.Unknown",
                 message: "RequestId: \(requestId) Error: Runtime init timed out after \(seconds(timeoutNanos)) seconds")
    }

    /// `{"errorType":"Runtime.ExitError","errorMessage":"RequestId: ID Error: Runtime exited with error: exit status 1"}`.
    static func exited(requestId: String, status: String) -> [UInt8] {
        document(type: "Runtime.ExitError", message: "RequestId: \(requestId) Error: Runtime exited with error: \(status)")
    }

    /// `{"errorType":"Function.ResponseSizeTooLarge",…}`: the response was over the limit.
    static func responseTooLarge(_ limit: Int) -> [UInt8] {
        document(type: "Function.ResponseSizeTooLarge",
                 message: "Response payload size exceeded maximum allowed payload size (\(limit) bytes).")
    }

    static func document(type: String, message: String) -> [UInt8] {
        var out: [UInt8] = Array(#"{"errorMessage":"#.utf8)
        JSONValue.writeEscaped(message, into: &out)
        out.append(contentsOf: #","errorType":"#.utf8)
        JSONValue.writeEscaped(type, into: &out)
        out.append(0x7D)
        return out
    }

    /// `3.00`: seconds with two decimals, as Lambda prints them.
    static func seconds(_ nanos: UInt64) -> String {
        let hundredths = (nanos + 5_000_000) / 10_000_000
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
