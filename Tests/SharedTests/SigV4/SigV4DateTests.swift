import Testing
@testable import Shared

@Suite struct SigV4DateTests {
    @Test(arguments: [
        (0 as Int64, "19700101T000000Z"), (1_440_938_160, "20150830T123600Z"), (1_767_225_600, "20260101T000000Z"),
        (951_782_400, "20000229T000000Z"), (4_107_542_399, "21000228T235959Z"), (-1, "19691231T235959Z"),
    ])
    func formatsAndParsesISO8601Basic(epoch: Int64, text: String) {
        #expect(SigV4Date.iso8601Basic(epoch) == text)
        #expect(SigV4Date.parseISO8601Basic(text) == epoch)
    }

    @Test(arguments: ["2015-08-30T12:36:00Z", "20150830T123600", "20150830T126000Z", "20150230T000000Z",
                      "21000229T000000Z", "20150830t123600Z", "2015083OT123600Z", ""])
    func rejectsMalformedISO8601Basic(text: String) {
        #expect(SigV4Date.parseISO8601Basic(text) == nil)
    }

    @Test func parsesIMFFixdate() {
        #expect(SigV4Date.parseHTTPDate("Sun, 30 Aug 2015 12:36:00 GMT") == 1_440_938_160)
        #expect(SigV4Date.parseHTTPDate("Sun, 30 Aug 2015 12:36:00 UTC") == nil)
        #expect(SigV4Date.parseHTTPDate("Sunday, 30-Aug-15 12:36:00 GMT") == nil)
        #expect(SigV4Date.parseHTTPDate("Sun, 30 Foo 2015 12:36:00 GMT") == nil)
    }
}
