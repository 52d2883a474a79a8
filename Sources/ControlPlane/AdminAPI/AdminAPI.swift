import Foundation
import Shared

/// Amazon API Gateway's admin REST API (rest-json, botocore `apigateway` 2015-07-09) over `ConfigStore`.
///
/// `handle` is synchronous and runs one store transaction per call; the HTTP server calls it off the
/// event loops after SigV4 has identified the caller. Every modelled operation of every service in
/// `catalog` is routed; handlers are found by (service, operation) and operations without one answer
/// 501 `NotImplementedException`. Every
/// response carries `x-amzn-RequestId`; errors carry `x-amzn-ErrorType` and `{"message": …}`.
/// Mutating calls (any method but GET) append an audit row: in the same transaction when they
/// succeed, in a transaction of their own when they fail. Once the row is committed it is also
/// written to the process log as one `audit` line (its fields, never a body or a secret).
/// Also serves Tollgate's own admin endpoints under `/_tollgate/v1/` (`AdminAPI+Internal`).
package final class AdminAPI: Sendable {
    /// Identity of this control plane as AWS messages show it.
    package struct Configuration: Sendable {
        package var accountId: String
        package var region: String

        package init(accountId: String = "000000000000", region: String = "us-east-1") {
            self.accountId = accountId
            self.region = region
        }
    }

    /// A handler: runs inside the call's transaction, returns the success body or throws.
    typealias Handler = @Sendable (AdminAPI, inout AdminCall, ConfigTransaction) throws -> AdminReply

    package let store: ConfigStore
    let configuration: Configuration
    let clock: @Sendable () -> Int64
    /// The services spoken: route table and handlers by (service, operation). `AdminCatalog.standard`
    /// in production; tests pass their own to exercise dispatch.
    let catalog: AdminCatalog
    /// The shared compiler's checks of what CreateDeployment, CreateStage and UpdateStage save
    /// (`AdminConfigChecks.compiler` unless a test injects its own).
    let checks: AdminConfigChecks
    /// The quota observer GetUsage reads and UpdateUsage writes (nil only if it could not open).
    let quota: QuotaLedger?
    /// The process log: the detail of a 500 (component `admin`, one line per failure, with the
    /// request id; the client only sees AWS's generic `InternalFailure` message) and every
    /// committed audit row (component `audit`). Default (tests, tools): warnings and errors on
    /// standard error, no audit lines; `ControlPlaneService` passes its configured log.
    let log: ProcessLog
    /// Runs TestInvokeMethod and TestInvokeAuthorizer (nil: both answer 501).
    let testInvoker: (any TestInvoker)?

    /// - Parameters:
    ///   - clock: epoch seconds; injected so tests control timestamps.
    ///   - validateDeployment: replaces the shared compiler's check of a definition (nil message = servable).
    ///   - validateStage: replaces the shared compiler's check of one stage (nil message = servable).
    ///     With neither given, the compiler answers and a deployment onto a stage is compiled once;
    ///     with either, a deployment onto a stage asks the definition's check, then the stage's.
    ///   - quota: the service's quota observer; without one, a ledger without gossip is opened on
    ///     `store` (on the admin clock), so usage still reads and UpdateUsage still persists.
    ///   - log: receives the detail of every 500 and the audit lines (tests capture them).
    ///   - testInvoker: runs TestInvokeMethod/TestInvokeAuthorizer (nil: 501).
    package convenience init(store: ConfigStore, configuration: Configuration = Configuration(),
                 clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) },
                 validateDeployment: (@Sendable (DeploymentContent) -> String?)? = nil,
                 validateStage: (@Sendable (SnapshotStage) -> String?)? = nil,
                 quota: QuotaLedger? = nil,
                 log: ProcessLog = ProcessLog(node: "control-plane", minimumLevel: .warn),
                 testInvoker: (any TestInvoker)? = nil) {
        let checks = validateDeployment == nil && validateStage == nil ? AdminConfigChecks.compiler
            : AdminConfigChecks(deployment: validateDeployment ?? Self.compilerDeploymentCheck, stage: validateStage ?? Self.compilerStageCheck)
        self.init(store: store, configuration: configuration, clock: clock, checks: checks, quota: quota, log: log, catalog: .standard,
                  testInvoker: testInvoker)
    }

    /// The designated initialiser, with the compiler checks and the catalog of services to route
    /// (tests pass their own of either).
    init(store: ConfigStore, configuration: Configuration, clock: @escaping @Sendable () -> Int64, checks: AdminConfigChecks,
         quota: QuotaLedger?, log: ProcessLog, catalog: AdminCatalog, testInvoker: (any TestInvoker)? = nil) {
        self.testInvoker = testInvoker
        self.store = store
        self.catalog = catalog
        self.log = log
        self.configuration = configuration
        self.clock = clock
        self.checks = checks
        self.quota = quota ?? (try? QuotaLedger(store: store, gossipAddress: nil,
                                                clock: LimitsClock(monotonicNanos: LimitsClock.system.monotonicNanos,
                                                                   epochMillis: { clock() * 1000 })))
    }

    /// An answered admin request and the revision its transaction committed.
    package struct Outcome: Sendable {
        package let response: HTTPResponse
        /// The store's revision after this call's write (the call's own, or the audit row of a failed
        /// mutating call); nil when the call wrote nothing. `ControlPlaneHandler` publishes it.
        package let committedRevision: Int64?
        /// The operation it was routed to (`CreateRestApi`, `iam:CreateUser`); nil when none matched.
        package var operation: String? = nil
        /// When set, `response` is not the answer: the caller starts this (after the commit, off the
        /// store queue's critical work) and answers with what it delivers, exactly once, from any
        /// thread (TestInvokeMethod, TestInvokeAuthorizer).
        package var deferred: (@Sendable (@escaping @Sendable (HTTPResponse) -> Void) -> Void)? = nil
    }

    /// Answers one admin request made by `accessKeyId` (already authenticated). Never throws or traps
    /// on bad input: every failure becomes an AWS-shaped error response.
    package func handle(_ request: HTTPRequest, identity accessKeyId: String, requestId: String) -> HTTPResponse {
        perform(request, identity: accessKeyId, requestId: requestId).response
    }

    /// `handle`, also returning the revision committed, so the caller does not read it again.
    package func perform(_ request: HTTPRequest, identity accessKeyId: String, requestId: String) -> Outcome {
        let now = clock()
        let answer = { (response: HTTPResponse) in Outcome(response: response, committedRevision: nil) }
        guard request.body.count <= Self.maxBodyBytes else { return answer(errorResponse(.requestTooLong, requestId: requestId)) }
        let method = request.method.rawValue
        guard let segments = URLComponentDecoding.pathSegments(request.head.path) else {
            return answer(errorResponse(.badRequest("Invalid request path"), requestId: requestId))
        }
        let query = URLComponentDecoding.queryItems(request.head.query)
        if segments.first == SnapshotPollContract.internalSegment {
            return answer(handleInternal(method: method, segments: segments, query: query, requestId: requestId))
        }
        guard let match = catalog.router.match(method: method, segments: segments, query: query) else {
            return answer(errorResponse(.unknownOperation(method: method, path: String(request.head.path)), requestId: requestId))
        }
        var call = AdminCall(operation: match.operation, labels: match.labels, query: query, body: request.body,
                             accessKeyId: accessKeyId, requestId: requestId, now: now, accept: request.head.headers["Accept"])
        let operation = match.operation
        do {
            guard let handler = catalog.handler(for: operation) else { throw AdminError.operationNotImplemented(operation.name) }
            let reply: AdminReply
            var revision: Int64?
            if operation.isMutating {
                let committed = try store.commit { tx in
                    let reply = try handler(self, &call, tx)
                    var entry = auditEntry(call, status: operation.successCode, errorType: nil)
                    entry.seq = try tx.appendAudit(entry)
                    return (reply, entry)
                }
                reply = committed.value.0
                revision = committed.revision
                committed.value.1.write(to: log)
            } else {
                reply = try store.read { tx in try handler(self, &call, tx) }
            }
            var outcome = Outcome(response: response(status: operation.successCode, reply: reply, requestId: requestId),
                                  committedRevision: revision, operation: operation.name)
            if let deferred = call.deferred {
                let status = operation.successCode
                outcome.deferred = { [self] respond in
                    deferred { reply in respond(self.response(status: status, reply: reply, requestId: requestId)) }
                }
            }
            return outcome
        } catch {
            let failure = Self.adminError(error)
            var revision: Int64?
            if operation.isMutating {
                // Best effort: the failed call changed nothing; a store that cannot record it is already failing.
                var entry = auditEntry(call, status: failure.status, errorType: failure.type)
                if let committed = try? store.commit({ tx in try tx.appendAudit(entry) }) {
                    revision = committed.revision
                    entry.seq = committed.value
                    entry.write(to: log)
                }
            }
            return Outcome(response: errorResponse(failure, requestId: requestId), committedRevision: revision, operation: operation.name)
        }
    }

    // MARK: - Responses

    func response(status: Int, body: [UInt8], requestId: String) -> HTTPResponse {
        response(status: status, reply: AdminReply(body: body), requestId: requestId)
    }

    func response(status: Int, reply: AdminReply, requestId: String) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("x-amzn-RequestId", requestId)
        if !reply.body.isEmpty { headers.add("Content-Type", reply.contentType) }
        for header in reply.headers { headers.add(header.name, header.value) }
        return HTTPResponse(status: status, headers: headers, body: reply.body)
    }

    /// The one place an `AdminError` becomes an HTTP response; a 500's detail is logged here.
    func errorResponse(_ error: AdminError, requestId: String) -> HTTPResponse {
        if let detail = error.logDetail { log.with(component: "admin").error("admin request \(requestId) failed (500 InternalFailure): \(detail)") }
        return Self.render(error, requestId: requestId)
    }

    /// `error` as AWS sends it: `x-amzn-RequestId`, `x-amzn-ErrorType`, `{"message": …}`.
    static func render(_ error: AdminError, requestId: String) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("x-amzn-RequestId", requestId)
        headers.add("x-amzn-ErrorType", error.type)
        headers.add("Content-Type", "application/json")
        let body = (try? AdminReply.json(["message": error.message]).body) ?? Array(#"{"message":"Internal server error"}"#.utf8)
        return HTTPResponse(status: error.status, headers: headers, body: body)
    }

    static func adminError(_ error: any Error) -> AdminError {
        switch error {
        case let error as AdminError: error
        case let error as StoreError: AdminError(error)
        case let error as OpenAPIImportError: .badRequest(error.message)
        default: .internalFailure("\(error)")
        }
    }

    private func auditEntry(_ call: AdminCall, status: Int, errorType: String?) -> AuditEntry {
        AuditEntry(requestId: call.requestId, at: call.now, accessKeyId: call.accessKeyId, operation: call.operation.auditName,
                   targets: call.targets, status: status, errorType: errorType)
    }
}
