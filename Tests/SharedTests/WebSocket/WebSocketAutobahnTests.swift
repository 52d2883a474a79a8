import Testing
@testable import Shared

/// Autobahn TestSuite categories 1–7 and 9 as a table (see `AutobahnCase`), each case fed in one
/// chunk and byte by byte through decoder → assembler → close handshake of a server.
@Suite struct WebSocketAutobahnTests {
    private func check(_ test: AutobahnCase, _ feeding: Feeding) {
        let run = WireRun.run(test.wire, feeding: feeding, limits: test.limits)
        #expect(run.actions == test.expected, "\(test.id), \(feeding.testDescription)")
        #expect(run.peakBufferedBytes <= test.limits.maxMessageBytes + 125)
    }

    @Test(arguments: AutobahnTable.framing, webSocketFeedings)
    func framingCategory1(_ test: AutobahnCase, _ feeding: Feeding) { check(test, feeding) }

    @Test(arguments: AutobahnTable.pings, webSocketFeedings)
    func pingsAndPongsCategory2(_ test: AutobahnCase, _ feeding: Feeding) { check(test, feeding) }

    @Test(arguments: AutobahnTable.reservedBits, webSocketFeedings)
    func reservedBitsCategory3(_ test: AutobahnCase, _ feeding: Feeding) { check(test, feeding) }

    @Test(arguments: AutobahnTable.opcodes, webSocketFeedings)
    func opcodesCategory4(_ test: AutobahnCase, _ feeding: Feeding) { check(test, feeding) }

    @Test(arguments: AutobahnTable.fragmentation, webSocketFeedings)
    func fragmentationCategory5(_ test: AutobahnCase, _ feeding: Feeding) { check(test, feeding) }

    @Test(arguments: AutobahnTable.utf8Framing, webSocketFeedings)
    func utf8HandlingCategory6(_ test: AutobahnCase, _ feeding: Feeding) { check(test, feeding) }

    @Test(arguments: AutobahnTable.kuhn, webSocketFeedings)
    func kuhnStressCategory6(_ test: AutobahnCase, _ feeding: Feeding) { check(test, feeding) }

    @Test(arguments: AutobahnTable.closing, webSocketFeedings)
    func closeHandlingCategory7(_ test: AutobahnCase, _ feeding: Feeding) { check(test, feeding) }

    @Test(arguments: AutobahnTable.limits, webSocketFeedings)
    func limitsCategory9(_ test: AutobahnCase, _ feeding: Feeding) { check(test, feeding) }

    /// Autobahn chops some cases (1.1.8 at 997 bytes, 2.6, 2.11, 5.4/5.5, 5.7/5.8 …) and reads the
    /// outcome unchanged; every case split at several points must agree with one chunk.
    @Test(arguments: [3, 7, 997])
    func choppedFeedingsAgree(_ cut: Int) {
        let all = AutobahnTable.framing + AutobahnTable.pings + AutobahnTable.reservedBits + AutobahnTable.opcodes
            + AutobahnTable.fragmentation + AutobahnTable.utf8Framing + AutobahnTable.kuhn + AutobahnTable.closing + AutobahnTable.limits
        for test in all {
            #expect(WireRun.run(test.wire, feeding: .split(cut), limits: test.limits).actions == test.expected, "\(test.id)")
        }
    }
}
