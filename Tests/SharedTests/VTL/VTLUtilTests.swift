import Testing
@testable import Shared

/// `$util`'s six functions with the Java behaviour behind them (Commons Lang 2
/// `StringEscapeUtils.escapeJavaScript`, `URLEncoder`/`URLDecoder` with UTF-8, base64 of UTF-8).
@Suite struct VTLUtilTests {
    static let cases: [VTLCase] = [
        // AWS: "turns any regular single quotes (') into escaped ones (\')".
        VTLCase(##"$util.escapeJavaScript("it's")"##, ##"it\'s"##),
        VTLCase(##"$util.escapeJavaScript("it's").replaceAll("\\'", "'")"##, "it's"),
        VTLCase(##"#set($s = 'say "hi" \ / now')$util.escapeJavaScript($s)"##, ##"say \"hi\" \\ \/ now"##),
        VTLCase("#set($s = \"a\tb\nc\rd\u{8}e\u{c}f\u{1}g\u{1f}\")$util.escapeJavaScript($s)", ##"a\tb\nc\rd\be\ff\u0001g\u001F"##),
        VTLCase("$util.escapeJavaScript('é€😀\u{7f}')", ##"\u00E9\u20AC\uD83D\uDE00\u007F"##),
        VTLCase("$util.escapeJavaScript(42)", "42"),
        VTLCase("$util.escapeJavaScript($missing)", "$util.escapeJavaScript($missing)"),
        VTLCase("$util.urlEncode('a b&c=d/é~*._-')", "a+b%26c%3Dd%2F%C3%A9%7E*._-"),
        VTLCase("$util.urlDecode('a+b%26c%3Dd%2F%C3%A9')", "a b&c=d/é"),
        VTLCase("$util.base64Encode('Hello, World!')", "SGVsbG8sIFdvcmxkIQ=="),
        VTLCase("$util.base64Encode('é')", "w6k="),
        VTLCase("$util.base64Decode('SGVsbG8sIFdvcmxkIQ==')", "Hello, World!"),
        VTLCase(##"#set($o = $util.parseJson('{"a": [1, 2.5, true, null, "s"], "b": {"c": "d"}}'))$o.a.size() $o.a[1] $o.a[2] $o.b.c $o.a"##,
                "5 2.5 true d [1, 2.5, true, null, s]"),
        VTLCase(##"$util.parseJson('"text"') $util.parseJson('12')"##, "text 12"),
        VTLCase("$util.unknown('x') $util.urlEncode()", "$util.unknown('x') $util.urlEncode()"),
    ]

    @Test(arguments: cases) func behavesAsAPIGatewayDocumentsAndJavaImplements(row: VTLCase) throws {
        #expect(try VTL.render(row.template, VTL.context()) == row.expected)
    }

    @Test(arguments: ["$util.parseJson('{')", "$util.urlDecode('%zz')", "$util.urlDecode('100%')", "$util.base64Decode('@@@')"])
    func malformedArgumentsAreRuntimeErrorsAtTheCall(template: String) throws {
        let error = try VTL.runtimeError("line\n  " + template, VTL.context())
        guard case .methodFailed? = error?.kind else { Issue.record("no failure: \(String(describing: error))"); return }
        #expect(error?.position == VTLPosition(line: 2, column: 8))
    }
}
