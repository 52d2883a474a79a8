import Testing
@testable import Shared

@Suite struct HTTPDateTests {
    // Expected strings from Python's email.utils.formatdate(t, usegmt=True).
    @Test(arguments: [
        (Int64(0), "Thu, 01 Jan 1970 00:00:00 GMT"),
        (784_111_777, "Sun, 06 Nov 1994 08:49:37 GMT"),
        (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
        (1_709_164_800, "Thu, 29 Feb 2024 00:00:00 GMT"),
        (1_795_314_600, "Sun, 22 Nov 2026 02:30:00 GMT"),
        (4_102_444_799, "Thu, 31 Dec 2099 23:59:59 GMT"),
        (253_402_300_799, "Fri, 31 Dec 9999 23:59:59 GMT"),
    ])
    func formatsIMFFixdate(epochSeconds: Int64, expected: String) {
        #expect(HTTPDate.format(epochSeconds: epochSeconds) == expected)
    }

    @Test func theCacheFormatsOncePerSecond() {
        let cache = HTTPDateCache()
        #expect(cache.value(epochMillis: 784_111_777_000) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(cache.value(epochMillis: 784_111_777_999) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(cache.value(epochMillis: 784_111_778_000) == "Sun, 06 Nov 1994 08:49:38 GMT")
    }
}
