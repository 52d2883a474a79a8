import Foundation
import Synchronization
import Testing
@testable import ControlPlane
import Shared

/// IAM's mutating calls are audit rows too, and so audit lines of the process log.
@Suite struct IAMAuditLogTests {
    @Test func aMutatingIAMCallIsOneAuditLineAndAReadNone() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try ConfigStore(directory: directory.path)
        let records = Mutex<[LogRecord]>([])
        let api = IAMAPI(store: store, accountId: "123456789012", clock: { 1_700_000_000 },
                         log: ProcessLog(node: "control-plane", minimumLevel: .debug, sink: .records { record in records.withLock { $0.append(record) } }))
        func call(_ action: String, _ form: String) -> Int {
            let request = HTTPRequest(head: HTTPRequestHead(method: .POST, target: "/", headers: ["Content-Type": "application/x-www-form-urlencoded"]),
                                      body: Array("Action=\(action)&Version=2010-05-08&\(form)".utf8))
            return api.perform(request, identity: "AKIDADMIN", requestId: "req-\(action)").response.status
        }
        #expect(call("CreateUser", "UserName=bob") == 200)
        #expect(call("GetUser", "UserName=bob") == 200)
        #expect(call("DeleteUser", "UserName=nobody") == 404)
        let audit = records.withLock { $0 }.filter { $0.component == "audit" }
        #expect(audit.map { Dictionary($0.fields.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })["operation"] }
                == ["iam:CreateUser", "iam:DeleteUser"])
        #expect(audit.last?.fields.contains { $0.key == "errorType" && $0.value == "NoSuchEntity" } == true)
        let rows = try store.read { try $0.audit() }
        #expect(audit.map { $0.fields.first { $0.key == "seq" }?.value } == rows.map { String($0.seq) })
    }
}
