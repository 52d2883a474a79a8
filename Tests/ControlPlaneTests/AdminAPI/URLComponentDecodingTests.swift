import Testing
@testable import ControlPlane

@Suite struct URLComponentDecodingTests {
    @Test func decodesSegmentsAfterSplittingSoEncodedSlashesStayInside() {
        #expect(URLComponentDecoding.pathSegments("/tags/arn%3Aaws%3Aapigateway%3A%3A%2Frestapis%2Fabc")
                == ["tags", "arn:aws:apigateway::/restapis/abc"])
        #expect(URLComponentDecoding.pathSegments("/restapis/a%20b/") == ["restapis", "a b"])
        #expect(URLComponentDecoding.pathSegments("/") == [])
    }

    @Test func rejectsMalformedEscapes() {
        #expect(URLComponentDecoding.pathSegments("/a%2") == nil)
        #expect(URLComponentDecoding.pathSegments("/a%zz") == nil)
        #expect(URLComponentDecoding.percentDecode("%FF") == nil)  // not UTF-8
    }

    @Test func parsesQueryItemsWithRepeatsAndEmptyValues() {
        let items = URLComponentDecoding.queryItems("embed=methods&embed=x&limit=5&flag&name=a%26b+c")
        #expect(items["embed"] == ["methods", "x"])
        #expect(items["limit"] == ["5"])
        #expect(items["flag"] == [""])
        #expect(items["name"] == ["a&b+c"])
        #expect(URLComponentDecoding.queryItems(nil).isEmpty)
    }
}
