import Testing
@testable import Shared

/// RFC 6901 pointers: `$ref` fragments (percent-decoded) and rendered instance paths.
@Suite struct JSONPointerTests {
    @Test func decodesPointerFragments() {
        #expect(JSONPointer.tokens(ofFragment: "") == [])
        #expect(JSONPointer.tokens(ofFragment: "/definitions/a~1b~0c/0") == ["definitions", "a/b~c", "0"])
        #expect(JSONPointer.tokens(ofFragment: "/percent%25field/%22q%22") == ["percent%field", "\"q\""])
        #expect(JSONPointer.tokens(ofFragment: "/definitions//x") == ["definitions", "", "x"])
        #expect(JSONPointer.tokens(ofFragment: "foo") == nil)
        #expect(JSONPointer.render(["a/b", "~", "1"]) == "/a~1b/~0/1")
        #expect(JSONPointer.arrayIndex("01") == nil)
        #expect(JSONPointer.arrayIndex("10") == 10)
    }
}
