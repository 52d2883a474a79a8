import Testing
@testable import ControlPlane

/// Admin bodies are read as AWS's Jackson reads them: strict JSON, UTF-8, last duplicate key wins.
@Suite struct AdminBodyReaderTests {
    @Test(arguments: [
        #"{"name":"a",}"#,
        #"{"name":"a","binaryMediaTypes":["image/png",]}"#,
        #"{"name":"a"} // comment"#,
        #"{"name":"a" /* comment */}"#,
        #"{name:"a"}"#,
        #"{"name":'a'}"#,
        #"{"name":"a","minimumCompressionSize":NaN}"#,
        #"{"name":"a"}{"#,
    ])
    func lenientJSONIsASerializationErrorAndCreatesNothing(body: String) throws {
        let h = try AdminHarness()
        let result = h.call("POST", "/restapis", body)
        #expect(result.status == 400)
        #expect(result.errorType == "SerializationException")
        #expect(h.call("GET", "/restapis").items.isEmpty)
    }

    @Test(arguments: [
        [0xFF] as [UInt8],            // never valid in UTF-8
        [0xC3],                       // truncated two-byte sequence
        [0xED, 0xA0, 0x80],           // an encoded surrogate
        [0xC0, 0xAF],                 // overlong "/"
    ])
    func aBodyThatIsNotUTF8IsASerializationError(bad: [UInt8]) throws {
        let h = try AdminHarness()
        let body = Array(#"{"name":"a"#.utf8) + bad + Array(#""}"#.utf8)
        let result = h.call("POST", "/restapis", body)
        #expect(result.status == 400)
        #expect(result.errorType == "SerializationException")
        #expect(h.call("GET", "/restapis").items.isEmpty)
    }

    @Test func theLastOfDuplicateKeysWinsAtEveryDepth() throws {
        let h = try AdminHarness()
        let created = h.call("POST", "/restapis", #"{"name":"first","description":"d","name":"second","#
                             + #""endpointConfiguration":{"types":["EDGE"],"types":["REGIONAL"]}}"#)
        #expect(created.status == 201)
        #expect(created.string("name") == "second")
        #expect((created["endpointConfiguration"] as? [String: Any])?["types"] as? [String] == ["REGIONAL"])
    }

    @Test func anEmptyBodyIsAnEmptyObject() throws {
        let h = try AdminHarness()
        let result = h.call("POST", "/restapis", "")
        #expect(result.errorType == "ValidationException")
    }

    @Test func numbersAndEscapesSurviveNormalisation() throws {
        let h = try AdminHarness()
        let created = h.call("POST", "/restapis", #"{"name":"caf\u00e9 \"q\" 😀","minimumCompressionSize":1.024e3}"#)
        #expect(created.status == 201)
        #expect(created.string("name") == "café \"q\" 😀")
        #expect(created["minimumCompressionSize"] as? Int == 1024)
    }
}
