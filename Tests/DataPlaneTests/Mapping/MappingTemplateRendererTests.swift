import Synchronization
import Testing
@testable import DataPlane
@testable import Shared

/// Request and response templates rendered for a real routed request: each variable family
/// (`$input`, `$util`, `$context`, `$stageVariables`), the overrides, and template errors.
@Suite struct MappingTemplateRendererTests {
    typealias F = PipelineFixtures

    static let body = #"{"name": "Ann O'Neil", "tags": ["a", "b"], "order": {"id": 7, "total": 9.5}}"#

    /// Routes `POST /prod/pets/42?q=shoes&q=boots&page=2` with a few headers and `body` on a stage
    /// with two variables.
    static func invocation(body: String = body, apiKey: Bool = false) throws -> Invocation {
        let integration = Integration(type: "MOCK", requestTemplates: ["application/json": #"{"statusCode": 200}"#],
                                      integrationResponses: ["200": IntegrationResponse(statusCode: "200")])
        let content = F.content([("/pets/{petId}", ["POST": F.method("POST", integration)])])
        let snapshot = try F.snapshot(content, variables: ["env": "test", "region": "eu-north-1"])
        let request = F.request("POST", "/prod/pets/42?q=shoes&q=boots&page=2",
                                headers: [("User-Agent", "curl/8.0"), ("X-Trace", "t-1"), ("Content-Type", "application/json"),
                                          ("X-Multi", "one"), ("X-Multi", "two")],
                                body: Array(body.utf8))
        var invocation = try F.invocation(snapshot, request)
        if apiKey { invocation.apiKey = Invocation.ApiKeyIdentity(value: "secret-key-value", id: "key123") }
        return invocation
    }

    static func render(_ source: String, invocation: Invocation? = nil) throws -> String {
        let template = try MappingTemplate(contentType: "application/json", source: source)
        let rendered = try MappingTemplateRenderer(log: { _ in }).renderRequest(template, invocation: invocation ?? Self.invocation()).get()
        return String(decoding: rendered.body, as: UTF8.self)
    }

    static let cases: [(String, String)] = [
        // $input
        (#"{"got": $input.json('$'), "rid": "$context.requestId"}"#,
         #"{"got": {"name":"Ann O'Neil","tags":["a","b"],"order":{"id":7,"total":9.5}}, "rid": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"}"#),
        ("$input.path('$.order.id') $input.path('$.tags').size() $input.json('$.tags[1]')", #"7 2 "b""#),
        ("$input.params('petId') $input.params('q') $input.params('x-trace') [$input.params('none')]", "42 boots t-1 []"),
        ("$input.params().path.petId $input.params().querystring.page $input.params().header.get('User-Agent')", "42 2 curl/8.0"),
        ("#foreach($k in $input.params().keySet())$k #end", "path querystring header "),
        // $util
        ("$util.escapeJavaScript($input.path('$.name'))", #"Ann O\'Neil"#),
        (#"$util.parseJson('{"a":[1,2]}').a.size()"#, "2"),
        ("$util.urlEncode('a b&c') $util.urlDecode('a+b%26c')", "a+b%26c a b&c"),
        ("$util.base64Encode('hi') $util.base64Decode('aGk=')", "aGk= hi"),
        // $context
        ("$context.apiId $context.stage $context.resourceId $context.resourcePath $context.httpMethod",
         "abc123defg prod res2 /pets/{petId} POST"),
        ("$context.path $context.protocol $context.domainName $context.domainPrefix $context.accountId",
         "/prod/pets/42 HTTP/1.1 abc123defg.execute-api.localhost abc123defg 123456789012"),
        ("$context.requestTimeEpoch|$context.requestTime|$context.extendedRequestId|$context.deploymentId",
         "1583349317135|04/Mar/2020:19:15:17 +0000|KtF82HGdliAFjxw=|dep123"),
        ("$context.identity.sourceIp $context.identity.userAgent [$context.identity.apiKey] [$context.identity.caller]",
         "203.0.113.7 curl/8.0 [] []"),
        ("[$context.authorizer.principalId] [$!context.authorizer.principalId] $context.authorizer.size()",
         "[$context.authorizer.principalId] [] 0"),
        // $stageVariables
        ("$stageVariables.env ${stageVariables.region} $stageVariables['env'] [$!stageVariables.none]", "test eu-north-1 test []"),
        // Velocity itself
        (#"#set($n = $input.path('$.order.total') * 2)#if($n > 10)big $n#{else}small#end"#, "big 19.0"),
    ]

    @Test(arguments: cases) func rendersEachVariableFamily(template: String, expected: String) throws {
        #expect(try Self.render(template) == expected)
    }

    @Test func apiKeyIdentityShowsWhenAFilterAcceptedOne() throws {
        #expect(try Self.render("$context.identity.apiKey $context.identity.apiKeyId", invocation: Self.invocation(apiKey: true))
                == "secret-key-value key123")
    }

    @Test func authorizerResultShowsAsContextAuthorizer() throws {
        var lambda = try Self.invocation()
        lambda.authorizer = AuthorizerResult(principalId: "user-7", context: [("tier", "gold"), ("n", "3")])
        #expect(try Self.render("$context.authorizer.principalId $context.authorizer.tier $context.authorizer.n [$!context.authorizer.claims]",
                                invocation: lambda) == "user-7 gold 3 []")
        var cognito = try Self.invocation()
        cognito.authorizer = AuthorizerResult(principalId: nil, claims: [("sub", "abc"), ("email", "a@b.c")])
        #expect(try Self.render("$context.authorizer.claims.sub $context.authorizer.claims['email'] $context.authorizer.claims.size()",
                                invocation: cognito) == "abc a@b.c 2")
    }

    @Test func aStaticTemplateIsCopiedWithoutTheEngine() throws {
        let template = try MappingTemplate(contentType: "application/json", source: #"{"statusCode": 200}"#)
        #expect(template.program == nil)
        #expect(try Self.render(#"{"statusCode": 200}"#) == #"{"statusCode": 200}"#)
    }

    @Test func requestOverridesAreCollectedInOrder() throws {
        let template = try MappingTemplate(contentType: "application/json", source: """
            #set($context.requestOverride.header.X-Id = $input.path('$.order.id'))
            #set($context.requestOverride.querystring.page = "3")
            #set($context.requestOverride.path.petId = "43")
            {}
            """)
        let rendered = try MappingTemplateRenderer(log: { _ in }).renderRequest(template, invocation: Self.invocation()).get()
        #expect(rendered.overrides.header.map { "\($0.name)=\($0.value)" } == ["X-Id=7"])
        #expect(rendered.overrides.querystring.map { "\($0.name)=\($0.value)" } == ["page=3"])
        #expect(rendered.overrides.path.map { "\($0.name)=\($0.value)" } == ["petId=43"])
        #expect(String(decoding: rendered.body, as: UTF8.self) == "{}")
    }

    @Test func responseTemplatesReadTheIntegrationBodyAndSetOverrides() throws {
        let template = try MappingTemplate(contentType: "application/json", source: """
            #set($context.responseOverride.status = 418)
            #set($context.responseOverride.header.X-From = $input.path('$.from'))
            {"echo": $input.json('$.value'), "q": "$input.params('q')"}
            """)
        let upstream = UpstreamResponse(status: 200, body: Array(#"{"value": [1, 2], "from": "backend"}"#.utf8))
        let rendered = try MappingTemplateRenderer(log: { _ in }).renderResponse(template, invocation: Self.invocation(),
                                                                                 integrationResponse: upstream).get()
        #expect(String(decoding: rendered.body, as: UTF8.self) == #"{"echo": [1,2], "q": "boots"}"#)
        #expect(rendered.overrides.status == 418)
        #expect(rendered.overrides.header.map { "\($0.name)=\($0.value)" } == ["X-From=backend"])
    }

    @Test(arguments: [
        ("#foreach($i in [1..5000])x#end", "loopLimitExceeded(1000) at line 1, column 1"),
        ("ok\n  $input.json('$')", "methodFailed"),
        ("#set($s = 'x')#foreach($i in [1..999])#set($s = \"$s$s\")#end$s", "outputLimitExceeded"),
        ("#set($context.responseOverride.status = 'teapot')", "not a status code"),
    ])
    func aTemplateErrorIsA500LoggedWithItsPosition(source: String, logged: String) throws {
        let lines = Mutex<[String]>([])
        let renderer = MappingTemplateRenderer(log: { line in lines.withLock { $0.append(line) } })
        let template = try MappingTemplate(contentType: "application/json", source: source)
        let invocation = try Self.invocation(body: "{not json")
        let outcome = source.contains("responseOverride")
            ? renderer.renderResponse(template, invocation: invocation, integrationResponse: UpstreamResponse(status: 200)).map(\.body)
            : renderer.renderRequest(template, invocation: invocation).map(\.body)
        #expect(outcome == .failure(.internalServerError))
        let line = lines.withLock { $0 }.first ?? ""
        #expect(line.contains(logged), "\(line)")
        #expect(line.contains("POST /pets/{petId}") && line.contains(F.identifiers.requestId))
        // The position is the `json(` call.
        if logged == "methodFailed" { #expect(line.contains("at line 2, column 9")) }
    }

    @Test func limitsApplyToEachRequestOnItsOwn() throws {
        // 600 iterations twice is within the 1,000-iteration bound per request: a program shared
        // by requests keeps no count from one evaluation to the next.
        let template = try MappingTemplate(contentType: "application/json", source: "#foreach($i in [1..600])#end$input.params('petId')")
        let renderer = MappingTemplateRenderer(log: { _ in })
        let invocation = try Self.invocation()
        for _ in 0..<3 {
            #expect(try renderer.renderRequest(template, invocation: invocation).get().body == Array("42".utf8))
        }
    }
}
