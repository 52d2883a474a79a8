import Testing
@testable import Shared

/// RFC 3986 §5.4 reference resolution, as draft 4's `id` scopes and `$ref`s use it.
@Suite struct JSONSchemaURITests {
    @Test(arguments: [
        ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"), ("/g", "http://a/g"), ("//g", "http://g"),
        ("?y", "http://a/b/c/d;p?y"), ("#s", "http://a/b/c/d;p?q#s"), ("", "http://a/b/c/d;p?q"), ("..", "http://a/b/"),
        ("../g", "http://a/b/g"), ("../../g", "http://a/g"), ("../../../g", "http://a/g"), ("g;x=1/../y", "http://a/b/c/y"),
        ("urn:x:y", "urn:x:y"), ("https://apigateway.amazonaws.com/restapis/a/models/M", "https://apigateway.amazonaws.com/restapis/a/models/M"),
    ])
    func resolvesReferenceAgainstBase(reference: String, expected: String) {
        #expect(JSONSchemaURI.resolve(reference, against: "http://a/b/c/d;p?q").text == expected)
    }

    @Test func resolvesAgainstAnAnonymousDocumentToTheReferenceItself() {
        #expect(JSONSchemaURI.resolve("#/definitions/a", against: "").text == "#/definitions/a")
        #expect(JSONSchemaURI.resolve("#foo", against: "").withoutFragment.text == "")
    }
}
