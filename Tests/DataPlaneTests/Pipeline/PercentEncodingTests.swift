import Testing
@testable import DataPlane

@Suite struct PercentEncodingTests {
    @Test func encodesQueryComponentsPathValuesAndFunctionNames() {
        #expect(PercentEncoding.queryComponent("a b&c=d/é") == "a%20b%26c%3Dd%2F%C3%A9")
        #expect(PercentEncoding.pathValue("a b/c") == "a%20b/c")
        #expect(PercentEncoding.functionName("arn:aws:lambda:us-east-1:1:function:f") == "arn%3Aaws%3Alambda%3Aus-east-1%3A1%3Afunction%3Af")
        #expect(PercentEncoding.queryComponent("plain-._~") == "plain-._~")
    }
}
