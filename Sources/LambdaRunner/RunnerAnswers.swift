/// What the state machine answers a caller of the Invoke API.
package enum InvokeAnswer: Sendable, Equatable {
    /// 200 with the function's response document.
    case result(requestId: String, body: [UInt8])
    /// 200 with `X-Amz-Function-Error: Unhandled` and the error document.
    case functionError(requestId: String, body: [UInt8])
    /// An Invoke API error (no function ran).
    case refused(InvokeRefusal)
}

/// Why an Invoke call was refused before any function ran; `InvokeRefusal+HTTP` maps each to
/// Lambda's status, `x-amzn-ErrorType` and body.
package enum InvokeRefusal: Sendable, Equatable {
    /// 404 `ResourceNotFoundException`, naming the full ARN.
    case notFound(arn: String)
    /// 400 `ValidationException`: the path segment is not a function name or ARN.
    case malformedName(String)
    /// 413 `RequestEntityTooLargeException`.
    case requestTooLarge(limit: Int)
    /// 429 `TooManyRequestsException`: the function's queue is full.
    case queueFull
    /// 400 `InvalidParameterValueException`: a header value the runner does not serve.
    case unsupported(String)
    /// 404 for a path that is not the Invoke operation.
    case unknownOperation
    /// 503 `ServiceException`: the runner is stopping.
    case shuttingDown
}

/// What the state machine answers a runtime's call to the Runtime API.
package enum RuntimeAnswer: Sendable, Equatable {
    /// 202 `{"status":"OK"}`.
    case accepted
    /// 400 `InvalidRequestID`: no invocation has that id.
    case invalidRequestId
    /// 403 `InvalidStateTransition`: the call does not fit the runtime's state (an id already
    /// answered, `/next` while an invocation is in flight, `/init/error` after init).
    case invalidState(String)
    /// 413 `RequestEntityTooLarge`: the document is over the response limit.
    case tooLarge(limit: Int)
}

/// One event delivered to a runtime's `/next`.
package struct NextInvocation: Sendable, Equatable {
    package var requestId: String
    package var deadlineWallMillis: Int64
    package var invokedFunctionArn: String
    package var traceId: String
    package var clientContext: String?
    package var payload: [UInt8]
}

/// Counts per function since the runner started (`GET /tollgate/functions`).
package struct FunctionStatistics: Sendable, Equatable {
    /// Invocations delivered to the runtime.
    package var invocations = 0
    /// Invocations answered as function errors (errors, timeouts, crashes, oversize responses).
    package var errors = 0
    package var timeouts = 0
    /// Invocations refused 429 because the queue was full.
    package var throttles = 0
    /// Processes started after the first.
    package var restarts = 0

    package init() {}
}
