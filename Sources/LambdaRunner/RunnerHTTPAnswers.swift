import Shared

/// The one place where the runner's answers become HTTP: Lambda's statuses, `x-amzn-ErrorType`
/// headers and bodies for the Invoke API, and the Runtime API's `{"errorMessage","errorType"}`.
enum RunnerHTTPAnswers {
    static func invoke(_ answer: InvokeAnswer) -> HTTPResponse {
        switch answer {
        case .result(let requestId, let body):
            return HTTPResponse(status: 200, headers: invokeHeaders(requestId), body: body)
        case .functionError(let requestId, let body):
            var headers = invokeHeaders(requestId)
            headers.add("X-Amz-Function-Error", "Unhandled")
            return HTTPResponse(status: 200, headers: headers, body: body)
        case .refused(let refusal):
            return refused(refusal)
        }
    }

    private static func invokeHeaders(_ requestId: String) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/json")
        headers.add("X-Amz-Executed-Version", "$LATEST")
        headers.add("x-amzn-RequestId", requestId)
        return headers
    }

    static func refused(_ refusal: InvokeRefusal) -> HTTPResponse {
        let (status, type, message, extra): (Int, String, String, String)
        switch refusal {
        case .notFound(let arn):
            (status, type, message, extra) = (404, "ResourceNotFoundException", "Function not found: \(arn)", "")
        case .malformedName(let name):
            (status, type, message, extra) = (400, "ValidationException",
                "1 validation error detected: Value '\(name)' at 'functionName' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?"
                    + "(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?", "")
        case .requestTooLarge(let limit):
            (status, type, message, extra) = (413, "RequestEntityTooLargeException",
                "Request must be smaller than \(limit) bytes for the InvokeFunction operation", "")
        case .queueFull:
            (status, type, message, extra) = (429, "TooManyRequestsException", "Rate Exceeded.",
                                              #","Reason":"ReservedFunctionConcurrentInvocationLimitExceeded""#)
        case .unsupported(let what):
            (status, type, message, extra) = (400, "InvalidParameterValueException", what, "")
        case .unknownOperation:
            (status, type, message, extra) = (404, "UnknownOperationException", "Unknown operation", "")
        case .shuttingDown:
            (status, type, message, extra) = (503, "ServiceException", "The runner is shutting down.", "")
        }
        var body: [UInt8] = Array(#"{"Type":""#.utf8)
        body.append(contentsOf: (status >= 500 ? "Service" : "User").utf8)
        body.append(contentsOf: #"","message":"#.utf8)
        JSONValue.writeEscaped(message, into: &body)
        body.append(contentsOf: extra.utf8)
        body.append(0x7D)
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/json")
        headers.add("x-amzn-ErrorType", type)
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    static func runtime(_ answer: RuntimeAnswer) -> HTTPResponse {
        let (status, body): (Int, [UInt8])
        switch answer {
        case .accepted:
            (status, body) = (202, Array(#"{"status":"OK"}"#.utf8))
        case .invalidRequestId:
            (status, body) = (400, RunnerErrorDocument.document(type: "InvalidRequestID", message: "Invalid request ID"))
        case .invalidState(let why):
            (status, body) = (403, RunnerErrorDocument.document(type: "InvalidStateTransition", message: "State transition failed: \(why)"))
        case .tooLarge(let limit):
            (status, body) = (413, RunnerErrorDocument.document(type: "RequestEntityTooLarge",
                                                                message: "Exceeded maximum allowed payload size (\(limit) bytes)."))
        }
        return HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: body)
    }

    static func next(_ invocation: NextInvocation) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/json")
        headers.add("Lambda-Runtime-Aws-Request-Id", invocation.requestId)
        headers.add("Lambda-Runtime-Deadline-Ms", String(invocation.deadlineWallMillis))
        headers.add("Lambda-Runtime-Invoked-Function-Arn", invocation.invokedFunctionArn)
        headers.add("Lambda-Runtime-Trace-Id", invocation.traceId)
        if let context = invocation.clientContext { headers.add("Lambda-Runtime-Client-Context", context) }
        return HTTPResponse(status: 200, headers: headers, body: invocation.payload)
    }
}
