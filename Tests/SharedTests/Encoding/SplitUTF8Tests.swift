import Testing
@testable import Shared

@Suite struct SplitUTF8Tests {
    @Test(arguments: ["", "/", "a", "a/b", "/a/b/", "//", "AKID/20261202/us-east-1/execute-api/aws4_request",
                      "é/ü/🙂", "host;x-amz-date", ";;a;", "a;b"])
    func splitsLikeTheCharacterSplitKeepingEmptyPieces(text: String) {
        for separator in ["/", ";"] {
            let byte = separator.utf8.first!
            #expect(text.splitUTF8(byte) == text.split(separator: Character(separator), omittingEmptySubsequences: false), "\(text)")
        }
    }

    @Test func piecesOfASubstringStayInsideIt() {
        let text = "xx/a/b/xx"
        let inner = text.dropFirst(3).dropLast(3)
        #expect(inner.splitUTF8(UInt8(ascii: "/")) == ["a", "b"])
    }
}
