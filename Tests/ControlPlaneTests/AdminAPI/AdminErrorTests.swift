import Testing
@testable import ControlPlane
import Shared

/// Store failures reach the client as AWS's generic 500, never as SQLite's text; the detail is logged.
@Suite struct AdminErrorTests {
    @Test func aFullDiskIsAGeneric500AndTheSQLiteDetailGoesToTheLog() throws {
        let h = try AdminHarness()
        #expect(h.call("POST", "/restapis", ["name": "fits"]).status == 201)
        // Cap the database at its current size: the next write that needs a page gets SQLITE_FULL.
        try h.store.read { tx in
            let pages = try tx.db.query("PRAGMA page_count").first?.int(0) ?? 0
            _ = try tx.db.query("PRAGMA max_page_count = \(pages)")
        }
        let result = h.call("POST", "/restapis", ["name": "big", "description": String(repeating: "x", count: 64 * 1024)])
        #expect(result.status == 500)
        #expect(result.errorType == "InternalFailure")
        #expect(result.message == AdminError.internalFailureMessage)
        let text = String(decoding: result.body, as: UTF8.self).lowercased()
        for leak in ["sqlite", "full", "insert", "tollgate.sqlite", h.directory.path.lowercased()] {
            #expect(!text.contains(leak), "response leaks \(leak): \(text)")
        }
        let line = try #require(h.logs.lines.first(where: { $0.contains("req-2") }))
        #expect(line.contains("database or disk is full"), "\(line)")
        #expect(h.call("GET", "/restapis").items.count == 1)
    }

    @Test func storeErrorsMapToAConflictOrAGeneric500() {
        let busy = AdminError(StoreError.sqlite(code: 5, message: "database is locked", sql: "BEGIN IMMEDIATE"))
        #expect(busy.status == 409 && busy.type == "ConflictException")
        let corrupt = AdminError(StoreError.corrupt("stage row prod: keyNotFound"))
        #expect(corrupt.status == 500 && corrupt.type == "InternalFailure")
        #expect(corrupt.message == AdminError.internalFailureMessage)
        #expect(corrupt.logDetail?.contains("stage row prod") == true)
        #expect(AdminError.badRequest("x").logDetail == nil)
    }
}
