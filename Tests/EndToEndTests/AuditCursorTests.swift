import Testing
@testable import tollgate

/// `AuditCursor`: each audit row once, in `seq` order, however the polls overlap.
@Suite struct AuditCursorTests {
    static func rows(_ seqs: [Int64]) -> [[String: Any]] { seqs.map { ["seq": $0, "requestId": "r\($0)"] } }
    static func seqs(_ rows: [[String: Any]]) -> [Int64] { rows.compactMap { $0["seq"] as? Int64 } }

    @Test func overlappingPollsPrintEachRowOnce() {
        var cursor = AuditCursor()
        #expect(Self.seqs(cursor.advance(Self.rows([1, 2, 3]))) == [1, 2, 3])
        #expect(Self.seqs(cursor.advance(Self.rows([2, 3, 4]))) == [4])
        #expect(Self.seqs(cursor.advance(Self.rows([]))) == [])
        #expect(Self.seqs(cursor.advance(Self.rows([4]))) == [])
        #expect(cursor.lastSeq == 4)
    }

    @Test func rowsAreSortedAndRowsWithoutSeqDropped() {
        var cursor = AuditCursor()
        #expect(Self.seqs(cursor.advance(Self.rows([7, 5]) + [["requestId": "none"]])) == [5, 7])
        #expect(cursor.lastSeq == 7)
    }
}
