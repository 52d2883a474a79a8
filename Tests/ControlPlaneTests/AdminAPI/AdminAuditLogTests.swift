import Foundation
import Testing
@testable import ControlPlane
@testable import Shared

/// Every committed audit row is also one `audit` line of the process log, with the row's fields.
@Suite struct AdminAuditLogTests {
    static func fields(_ record: LogRecord) -> [String: String] {
        Dictionary(record.fields.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func aSuccessfulWriteIsOneAuditLineWithTheRowsFields() throws {
        let h = try AdminHarness()
        let created = h.call("POST", "/restapis", ["name": "audited", "description": "a \"secret\" body"])
        #expect(created.status == 201)
        let id = try #require(created.string("id"))
        let record = try #require(h.logs.audit.only)
        #expect(record.level == .info && record.component == "audit")
        let row = try #require(try h.store.read { try $0.audit() }.last)
        #expect(Self.fields(record) == ["seq": String(row.seq), "requestId": row.requestId, "operation": "CreateRestApi",
                                        "targets": id, "status": "201", "accessKeyId": "AKIDADMIN"])
        #expect(row.accessKeyId == "AKIDADMIN")
        // Never the body.
        #expect(!record.message.contains("secret") && !record.fields.contains { $0.value.contains("secret") })
    }

    @Test func aFailedWriteNamesItsErrorType() throws {
        let h = try AdminHarness()
        let missing = h.call("DELETE", "/restapis/nope")
        #expect(missing.status == 404)
        let record = try #require(h.logs.audit.only)
        #expect(Self.fields(record)["status"] == "404")
        #expect(Self.fields(record)["errorType"] == "NotFoundException")
        #expect(Self.fields(record)["operation"] == "DeleteRestApi")
    }

    @Test func readsWriteNoAuditLine() throws {
        let h = try AdminHarness()
        _ = h.call("GET", "/restapis")
        #expect(h.logs.audit.isEmpty)
    }
}

private extension Array {
    /// The one element, or nil when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}
