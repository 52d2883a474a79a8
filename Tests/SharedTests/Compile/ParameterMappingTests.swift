import Testing
@testable import Shared

@Suite struct ParameterMappingTests {
    @Test(arguments: [
        ("integration.request.path.id", RequestMappingTarget.path("id")),
        ("integration.request.querystring.q", .querystring("q")),
        ("integration.request.multivaluequerystring.q", .multiValueQuerystring("q")),
        ("integration.request.header.X-Trace", .header("X-Trace")),
        ("integration.request.multivalueheader.Accept", .multiValueHeader("Accept")),
    ])
    func parsesRequestTargets(key: String, expected: RequestMappingTarget) {
        #expect(ParameterMappingParser.requestTarget(key) == expected)
    }

    @Test(arguments: ["integration.request.body", "integration.request.path.", "method.request.path.x",
                      "integration.request.header.bad name", "integration.request.header.a:b"])
    func rejectsBadRequestTargets(key: String) {
        #expect(ParameterMappingParser.requestTarget(key) == nil)
    }

    @Test(arguments: [
        ("'static'", MappingSource.literal("static")),
        ("''", .literal("")),
        ("'it''s'", .literal("it''s")),
        ("method.request.path.petId", .methodPath("petId")),
        ("method.request.querystring.q", .methodQuerystring("q")),
        ("method.request.multivaluequerystring.q", .methodMultiValueQuerystring("q")),
        ("method.request.header.Accept", .methodHeader("Accept")),
        ("method.request.multivalueheader.Accept", .methodMultiValueHeader("Accept")),
        ("method.request.body", .methodBody),
        ("method.request.body.user.name", .methodBodyPath("user.name")),
        ("stageVariables.host", .stageVariable("host")),
        ("context.requestId", .context("requestId")),
        ("context.identity.sourceIp", .context("identity.sourceIp")),
    ])
    func parsesRequestSources(expression: String, expected: MappingSource) {
        #expect(ParameterMappingParser.requestSource(expression) == expected)
    }

    @Test(arguments: ["", "'", "static", "method.request.path.", "method.request.cookie.x", "integration.response.header.x", "stageVariables."])
    func rejectsBadRequestSources(expression: String) {
        #expect(ParameterMappingParser.requestSource(expression) == nil)
    }

    @Test(arguments: [
        ("integration.response.header.ETag", MappingSource.integrationHeader("ETag")),
        ("integration.response.multivalueheader.Set-Cookie", .integrationMultiValueHeader("Set-Cookie")),
        ("integration.response.body", .integrationBody),
        ("integration.response.body.id", .integrationBodyPath("id")),
        ("'*'", .literal("*")),
        ("stageVariables.v", .stageVariable("v")),
    ])
    func parsesResponseSources(expression: String, expected: MappingSource) {
        #expect(ParameterMappingParser.responseSource(expression) == expected)
        #expect(ParameterMappingParser.responseHeader("method.response.header.Access-Control-Allow-Origin") == "Access-Control-Allow-Origin")
    }
}
