import Shared

/// What the method request's authentication and authorization steps did to one request, for the
/// access log's `$context.authenticate.*`, `authorize.*` and `authorizer.*` (docs/compatibility.md,
/// "Access logs").
///
/// Plain numbers kept inline in the `Invocation` (no allocation), written by the filter that runs
/// each step on the request's loop. A step that did not run keeps status 0 and renders `-`. The
/// error of a step that refused is the gateway error that answered the request (a refusing step
/// ends it), so no message is stored here. The Lambda authorizer's Invoke answer headers are kept
/// as received (a retain) for `authorizer.requestId`, read only when a log line asks.
///
/// - `authenticate`: who the caller is. SigV4 on `AWS_IAM` methods (the signature and the access
///   key), the token check of a `COGNITO_USER_POOLS` authorizer. 200, or the refusal's status.
/// - `authorize`: whether that caller may invoke the method. The IAM identity and resource
///   policies, a resource policy on any method, a Lambda authorizer's returned policy. 200 or 403.
/// - `authorizer`: the Lambda or Cognito authorizer step: 200 when it established an identity
///   (a Lambda result, from the cache or a call; a verified token), else the refusal's status (401, 500).
package struct AuthStepRecord: Sendable, Equatable {
    /// One step: its HTTP-style status (0: did not run) and how long it took.
    package struct Step: Sendable, Equatable {
        package var status: UInt16 = 0
        package var latencyMillis: UInt32 = 0
        /// When the step started (monotonic nanoseconds of the filter's clock; 0: not recorded), for
        /// the trace's authorizer span.
        package var startedNanos: UInt64 = 0

        package init() {}

        package init(status: Int, latencyMillis: Int, startedNanos: UInt64 = 0) {
            self.status = UInt16(clamping: status)
            self.latencyMillis = UInt32(clamping: latencyMillis)
            self.startedNanos = startedNanos
        }

        /// Whether the step ran.
        package var ran: Bool { status != 0 }
        /// Whether the step ran and refused (its error is the one that answered the request).
        package var refused: Bool { status != 0 && !(200..<300).contains(Int(status)) }

        /// A step measured from `startedNanos` (monotonic) to now.
        package static func measured(status: Int, since startedNanos: UInt64) -> Step {
            Step(status: status, latencyMillis: Int((Syscall.monotonicNanos() &- startedNanos) / 1_000_000), startedNanos: startedNanos)
        }
    }

    package var authenticate = Step()
    package var authorize = Step()
    package var authorizer = Step()
    /// The Lambda authorizer's Invoke API status (`authorizer.integrationStatus`); 0: no call
    /// (no Lambda authorizer, or its result came from the cache).
    package var authorizerInvokeStatus: UInt16 = 0
    /// The Lambda authorizer's Invoke answer headers (`authorizer.requestId` is its `x-amzn-RequestId`).
    package var authorizerInvokeHeaders: HTTPHeaders?

    package init() {}
}
