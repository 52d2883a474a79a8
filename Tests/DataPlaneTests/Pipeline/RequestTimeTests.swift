import Testing
@testable import DataPlane

@Suite struct RequestTimeTests {
    @Test(arguments: [
        (Int64(1_583_349_317_135), "04/Mar/2020:19:15:17 +0000"),
        (0, "01/Jan/1970:00:00:00 +0000"),
        (951_782_400_000, "29/Feb/2000:00:00:00 +0000"),
        (4_102_444_799_999, "31/Dec/2099:23:59:59 +0000"),
        (-1, "31/Dec/1969:23:59:59 +0000"),
        // Years outside 1000–9999 take the plain decimal path (the fast path writes four digits).
        (-62_135_596_800_000, "01/Jan/1:00:00:00 +0000"),
        (253_402_300_800_000, "01/Jan/10000:00:00:00 +0000"),
    ])
    func formatsCommonLogFormatInUtc(millis: Int64, expected: String) {
        #expect(RequestTime.format(epochMillis: millis) == expected)
    }
}
