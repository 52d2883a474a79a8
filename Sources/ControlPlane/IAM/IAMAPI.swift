import Foundation
import Shared

/// The control plane's IAM subset on AWS's wire protocol (botocore `iam` 2010-05-08, Query
/// protocol): users, access keys, inline and customer managed policies, attachments — enough for
/// `aws iam`, boto3 and Terraform's `aws_iam_user`, `aws_iam_access_key`, `aws_iam_user_policy`,
/// `aws_iam_policy` and `aws_iam_user_policy_attachment`.
///
/// `ControlPlaneHandler` sends here every admin request whose SigV4 credential scope names the
/// `iam` service (after checking the admin credential). `perform` is synchronous, runs one store
/// transaction (read-only for Get/List), answers XML (`text/xml`) with `x-amzn-RequestId`, and
/// audits mutating calls as `iam:Action` (in the same transaction on success, on its own on failure).
package final class IAMAPI: Sendable {
    /// Runs inside the call's transaction; returns the inner XML of `<{Action}Result>` (nil: none).
    typealias Handler = @Sendable (IAMAPI, IAMCall, ConfigTransaction) throws -> String?

    let store: ConfigStore
    /// The account in ARNs (`arn:aws:iam::{accountId}:user/…`).
    let accountId: String
    let clock: @Sendable () -> Int64
    /// The process log: a 500's detail (component `iam`, error) and every committed audit row
    /// (`audit`, info). Default (tests): warnings and errors on standard error, no audit lines.
    let log: ProcessLog

    package init(store: ConfigStore, accountId: String, clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) },
                 log: ProcessLog = ProcessLog(node: "control-plane", minimumLevel: .warn)) {
        self.store = store
        self.accountId = accountId
        self.clock = clock
        self.log = log
    }

    /// Every served action: handler and whether it writes.
    static let actions: [String: (handler: Handler, mutating: Bool)] = {
        var table: [String: (handler: Handler, mutating: Bool)] = [:]
        for group in [userActions, accessKeyActions, userPolicyActions, managedPolicyActions] {
            for (name, entry) in group { table[name] = entry }
        }
        return table
    }()

    /// Answers one IAM request made with the admin credential `accessKeyId`. Never throws.
    package func perform(_ request: HTTPRequest, identity accessKeyId: String, requestId: String) -> AdminAPI.Outcome {
        guard let query = IAMQueryRequest.parse(body: request.body, query: request.head.query) else {
            return AdminAPI.Outcome(response: errorResponse(.missingAction, requestId: requestId), committedRevision: nil)
        }
        guard let entry = Self.actions[query.action] else {
            return AdminAPI.Outcome(response: errorResponse(.invalidAction(query.action), requestId: requestId), committedRevision: nil)
        }
        let call = IAMCall(request: query, now: clock(), accountId: accountId)
        let audit = { (status: Int, errorType: String?) in
            AuditEntry(requestId: requestId, at: call.now, accessKeyId: accessKeyId, operation: "iam:\(query.action)",
                       targets: call.targets, status: status, errorType: errorType)
        }
        do {
            if entry.mutating {
                let committed = try store.commit { tx in
                    let result = try entry.handler(self, call, tx)
                    var row = audit(200, nil)
                    row.seq = try tx.appendAudit(row)
                    return (result, row)
                }
                committed.value.1.write(to: log)
                return AdminAPI.Outcome(response: response(action: query.action, result: committed.value.0, requestId: requestId),
                                        committedRevision: committed.revision, operation: "iam:\(query.action)")
            }
            let result = try store.read { tx in try entry.handler(self, call, tx) }
            return AdminAPI.Outcome(response: response(action: query.action, result: result, requestId: requestId), committedRevision: nil,
                                    operation: "iam:\(query.action)")
        } catch {
            let failure: IAMError
            switch error {
            case let error as IAMError: failure = error
            default:
                log.with(component: "iam").error("iam request \(requestId) failed (500 ServiceFailure): \(error)")
                failure = .serviceFailure("\(error)")
            }
            var revision: Int64?
            if entry.mutating {
                // Best effort, as for the API Gateway admin calls: the failed call changed nothing.
                var row = audit(failure.status, failure.code)
                if let committed = try? store.commit({ tx in try tx.appendAudit(row) }) {
                    revision = committed.revision
                    row.seq = committed.value
                    row.write(to: log)
                }
            }
            return AdminAPI.Outcome(response: errorResponse(failure, requestId: requestId), committedRevision: revision,
                                    operation: "iam:\(query.action)")
        }
    }

    // MARK: - Responses

    func response(action: String, result: String?, requestId: String) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("x-amzn-RequestId", requestId)
        headers.add("Content-Type", "text/xml")
        return HTTPResponse(status: 200, headers: headers, body: Array(IAMXML.response(action: action, result: result, requestId: requestId).utf8))
    }

    /// The one place an `IAMError` becomes an HTTP response.
    func errorResponse(_ error: IAMError, requestId: String) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("x-amzn-RequestId", requestId)
        headers.add("Content-Type", "text/xml")
        return HTTPResponse(status: error.status, headers: headers, body: Array(IAMXML.error(error, requestId: requestId).utf8))
    }
}

/// One IAM call: its parameters, the time and the account; `targets` names what it addressed (audit).
final class IAMCall: @unchecked Sendable {
    // Safe: confined to the one store-queue call that created it; `targets` is written only by its handler.
    let request: IAMQueryRequest
    let now: Int64
    let accountId: String
    var targets: [String] = []

    init(request: IAMQueryRequest, now: Int64, accountId: String) {
        self.request = request
        self.now = now
        self.accountId = accountId
    }

    /// A required parameter, or `ValidationError` naming it as AWS does (`userName`).
    func required(_ name: String) throws(IAMError) -> String {
        guard let value = request[name], !value.isEmpty else {
            throw .missing(name.prefix(1).lowercased() + name.dropFirst())
        }
        return value
    }
}
