import Testing
@testable import DataPlane
@testable import Shared

@Suite struct HTTPIntegrationRequestTests {
    typealias F = PipelineFixtures

    static func build(_ integration: Integration, resource: String = "/items/{id}", verb: String = "ANY",
                      variables: [String: String]? = nil, _ request: HTTPRequest) throws -> Result<UpstreamRequest, GatewayError> {
        let snapshot = try F.snapshot(F.content([(resource, [verb: F.method(verb, integration)])]), variables: variables)
        let invocation = try F.invocation(snapshot, request)
        guard case .http(let endpoint) = invocation.route.integration.target else { throw F.FixtureError.notRouted }
        return HTTPIntegrationRequest.build(invocation, endpoint: endpoint, renderer: MappingTemplateRenderer())
    }

    @Test func httpProxyPassesMethodQueryHeadersAndBodyThrough() throws {
        let integration = Integration(type: "HTTP_PROXY", httpMethod: "ANY", uri: "http://backend.internal:9000/v1/{id}?fixed=1",
                                      requestParameters: ["integration.request.path.id": "method.request.path.id"], timeoutInMillis: 1500)
        let body: [UInt8] = [0, 1, 2, 255, 10]
        let request = F.request("PUT", "/prod/items/a%2Fb?x=1&x=2&y=%20", headers: [
            ("Content-Type", "application/octet-stream"), ("X-Custom", "one"), ("X-Custom", "two"), ("Connection", "keep-alive, X-Hop"),
            ("X-Hop", "secret"), ("Keep-Alive", "timeout=5"), ("Expect", "100-continue"), ("TE", "trailers"), ("Content-Length", "5"),
            ("User-Agent", "curl/8.5"), ("X-Forwarded-For", "198.51.100.1"), ("Via", "1.1 proxy"),
        ], body: body)
        let upstream = try Self.build(integration, request).get()
        #expect(upstream.method == .PUT)
        #expect(upstream.host == "backend.internal")
        #expect(upstream.port == 9000)
        #expect(!upstream.isTLS)
        #expect(upstream.target == "/v1/a%2Fb?fixed=1&x=1&x=2&y=%20")
        #expect(upstream.body == body)
        #expect(upstream.timeout == .milliseconds(1500))
        let headers = upstream.headers
        #expect(headers["Host"] == "backend.internal:9000")
        #expect(headers.values("X-Custom") == ["one", "two"])
        #expect(headers["Content-Type"] == "application/octet-stream")
        #expect(headers["User-Agent"] == "curl/8.5")
        for dropped in ["Connection", "X-Hop", "Keep-Alive", "Expect", "TE", "Content-Length", "Via"] {
            #expect(headers[dropped] == nil, "\(dropped) must not reach the integration")
        }
        #expect(headers["X-Forwarded-For"] == "198.51.100.1, 203.0.113.7")
        #expect(headers["X-Forwarded-Port"] == "8080")
        #expect(headers["X-Forwarded-Proto"] == "http")
        #expect(headers["X-Amzn-Apigateway-Api-Id"] == F.apiId)
        #expect(headers["X-Amzn-Trace-Id"] == F.identifiers.traceId)
    }

    /// `connectionType: VPC_LINK`: the call goes to the link's targets in turn, with the URI's
    /// `Host`, path and (https) TLS server name.
    @Test func aVpcLinkIntegrationConnectsToTheLinksTargets() throws {
        let integration = Integration(type: "HTTP_PROXY", httpMethod: "GET", uri: "https://backend.internal/v1/x",
                                      connectionType: "VPC_LINK", connectionId: "link01")
        let content = F.content([("/items/{id}", ["ANY": F.method("ANY", integration)])])
        let stage = Stage(deploymentId: "dep123", stageName: "prod", createdDate: 0, lastUpdatedDate: 0)
        let snapshot = try SnapshotCompiler.compile(Snapshot(
            revision: 1, stages: [SnapshotStage(restApiId: F.apiId, stage: stage, deployment: content)], apiKeys: [], usagePlans: [],
            account: Account(), nodes: [], vpcLinks: [SnapshotVpcLink(id: "link01", targetArns: ["10.0.0.1:8443", "10.0.0.2:9443"])]))
        var seen: [String] = []
        for _ in 0..<2 {
            let invocation = try F.invocation(snapshot, F.request("GET", "/prod/items/1"))
            guard case .http(let endpoint) = invocation.route.integration.target else { throw F.FixtureError.notRouted }
            let upstream = try HTTPIntegrationRequest.build(invocation, endpoint: endpoint, renderer: MappingTemplateRenderer()).get()
            seen.append("\(upstream.host):\(upstream.port)")
            #expect(upstream.headers["Host"] == "backend.internal" && upstream.target == "/v1/x" && upstream.isTLS)
            #expect(upstream.serverName == "backend.internal")
        }
        #expect(seen == ["10.0.0.1:8443", "10.0.0.2:9443"])
    }

    /// The gateway's own headers are appended, not set: each must still appear exactly once, with
    /// the gateway's value, whatever copies the client sent; repeated `X-Forwarded-For` fields are
    /// joined in order before the client's address.
    @Test(arguments: ["HTTP_PROXY", "HTTP"])
    func gatewayHeadersAppearOnceWhateverTheClientSent(type: String) throws {
        let integration = Integration(type: type, httpMethod: "GET", uri: "http://svc/x")
        let upstream = try Self.build(integration, F.request("GET", "/prod/items/1", headers: [
            ("X-Forwarded-For", "198.51.100.1"), ("x-amzn-trace-id", "Root=client"), ("X-Forwarded-Port", "1"),
            ("X-Forwarded-Proto", "gopher"), ("X-Amzn-Apigateway-Api-Id", "spoofed"), ("x-forwarded-for", "198.51.100.2"),
        ])).get()
        let expected = [
            "X-Forwarded-For": "198.51.100.1, 198.51.100.2, 203.0.113.7",
            "X-Forwarded-Port": "8080", "X-Forwarded-Proto": "http", "X-Amzn-Apigateway-Api-Id": F.apiId,
            "X-Amzn-Trace-Id": F.identifiers.traceId,
        ]
        for (name, value) in expected {
            #expect(upstream.headers.values(name) == [value], "\(name)")
        }
    }

    @Test func httpProxySubstitutesTheGreedyProxyParameterAndAddsAUserAgent() throws {
        let integration = Integration(type: "HTTP_PROXY", httpMethod: "GET", uri: "https://example.org/base/{proxy}",
                                      requestParameters: ["integration.request.path.proxy": "method.request.path.proxy"])
        let upstream = try Self.build(integration, resource: "/{proxy+}", F.request("POST", "/prod/a/b//c%20d")).get()
        #expect(upstream.method == .GET)               // the integration's verb wins over the client's
        #expect(upstream.isTLS && upstream.port == 443)
        #expect(upstream.headers["Host"] == "example.org")
        #expect(upstream.target == "/base/a/b//c%20d")
        #expect(upstream.headers["User-Agent"] == "AmazonAPIGateway_\(F.apiId)")
    }

    @Test func unmappedPlaceholdersFallBackToTheMethodPathParameter() throws {
        let integration = Integration(type: "HTTP_PROXY", httpMethod: "ANY", uri: "http://h/{id}/{missing}")
        let upstream = try Self.build(integration, F.request("GET", "/prod/items/42")).get()
        #expect(upstream.target == "/42/")
    }

    @Test func stageVariablesAreSubstitutedIntoTheUri() throws {
        let integration = Integration(type: "HTTP_PROXY", httpMethod: "ANY", uri: "http://${stageVariables.host}:${stageVariables.port}/${stageVariables.base}/{id}")
        let upstream = try Self.build(integration, variables: ["host": "10.0.0.5", "port": "8081", "base": "v2"],
                                      F.request("GET", "/prod/items/7")).get()
        #expect(upstream.host == "10.0.0.5")
        #expect(upstream.port == 8081)
        #expect(upstream.target == "/v2/7")
    }

    @Test func httpSendsOnlyMappedParametersWithGatewayHeaders() throws {
        let integration = Integration(type: "HTTP", httpMethod: "POST", uri: "http://svc/orders/{orderId}", requestParameters: [
            "integration.request.path.orderId": "method.request.path.id",
            "integration.request.querystring.q": "method.request.querystring.search",
            "integration.request.querystring.all": "method.request.multivaluequerystring.tag",
            "integration.request.multivaluequerystring.tag": "method.request.multivaluequerystring.tag",
            "integration.request.querystring.static": "'a b&c'",
            "integration.request.header.X-Tenant": "method.request.header.x-tenant-id",
            "integration.request.header.X-Stage": "stageVariables.name",
            "integration.request.header.X-Request": "context.requestId",
            "integration.request.header.X-Source": "context.identity.sourceIp",
            "integration.request.header.X-Missing": "method.request.header.absent",
        ])
        let request = F.request("GET", "/prod/items/o-1?search=shoes+red&tag=a&tag=b&ignored=1",
                                headers: [("X-Tenant-Id", "t1"), ("X-Tenant-Id", "t2"), ("X-Not-Mapped", "x"), ("Content-Type", "application/json")],
                                body: Array(#"{"a":1}"#.utf8))
        let upstream = try Self.build(integration, variables: ["name": "prod-vars"], request).get()
        #expect(upstream.method == .POST)
        #expect(upstream.target == "/orders/o-1?tag=a&tag=b&all=a%2Cb&q=shoes%20red&static=a%20b%26c")   // mappings apply in key order
        #expect(upstream.headers["X-Tenant"] == "t2")               // last value of a repeated header
        #expect(upstream.headers["X-Stage"] == "prod-vars")
        #expect(upstream.headers["X-Request"] == F.identifiers.requestId)
        #expect(upstream.headers["X-Source"] == "203.0.113.7")
        #expect(upstream.headers["X-Missing"] == nil)
        #expect(upstream.headers["X-Not-Mapped"] == nil)            // non-proxy: unmapped headers stay behind
        #expect(upstream.headers["User-Agent"] == "AmazonAPIGateway_\(F.apiId)")
        #expect(upstream.headers["Accept"] == "application/json")
        #expect(upstream.headers["Content-Type"] == "application/json")
        #expect(upstream.headers["X-Amzn-Apigateway-Api-Id"] == F.apiId)
        #expect(upstream.body == Array(#"{"a":1}"#.utf8))           // passthrough without templates
    }

    @Test func httpUsesTheRequestTemplateForTheContentType() throws {
        let integration = Integration(type: "HTTP", httpMethod: "POST", uri: "http://svc/x",
                                      requestTemplates: ["application/json": #"{"wrapped":true}"#], passthroughBehavior: "WHEN_NO_TEMPLATES")
        let templated = try Self.build(integration, F.request("POST", "/prod/items/1", headers: [("Content-Type", "application/json; charset=utf-8")],
                                                              body: Array("raw".utf8))).get()
        #expect(templated.body == Array(#"{"wrapped":true}"#.utf8))
        #expect(templated.headers["Content-Type"] == "application/json")
        let rejected = try Self.build(integration, F.request("POST", "/prod/items/1", headers: [("Content-Type", "text/plain")], body: Array("raw".utf8)))
        #expect(rejected == .failure(.unsupportedMediaType))
    }

    @Test(arguments: ["Content-Length", "Transfer-Encoding", "Connection", "Expect", "TE"])
    func mappingAHeaderAwsNeverForwardsIsAConfigurationError(header: String) throws {
        let integration = Integration(type: "HTTP", httpMethod: "GET", uri: "http://svc/x",
                                      requestParameters: ["integration.request.header.\(header)": "'1'"])
        #expect(try Self.build(integration, F.request("GET", "/prod/items/1")) == .failure(.internalServerError))
    }

    @Test func sigV4AuthorizationIsDroppedButOtherAuthorizationPasses() throws {
        let integration = Integration(type: "HTTP_PROXY", httpMethod: "ANY", uri: "http://svc/x")
        let signed = try Self.build(integration, F.request("GET", "/prod/items/1", headers: [
            ("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20200101/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=abc"),
        ])).get()
        #expect(signed.headers["Authorization"] == nil)
        let bearer = try Self.build(integration, F.request("GET", "/prod/items/1", headers: [("Authorization", "Bearer t")])).get()
        #expect(bearer.headers["Authorization"] == "Bearer t")
    }

    @Test(arguments: ["method.request.header.Authorization", "method.request.multivalueheader.Authorization"])
    func aSigV4AuthorizationIsNotExposedToMappingsEither(source: String) throws {
        // A request parameter naming the client's Authorization must not smuggle the signature out:
        // AWS never exposes a SigV4 Authorization to the integration.
        let integration = Integration(type: "HTTP", httpMethod: "GET", uri: "http://svc/x",
                                      requestParameters: ["integration.request.header.X-Auth": source])
        let signed = try Self.build(integration, F.request("GET", "/prod/items/1", headers: [
            ("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20200101/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=abc"),
        ])).get()
        #expect(signed.headers["X-Auth"] == nil)
        #expect(signed.headers["Authorization"] == nil)
        let bearer = try Self.build(integration, F.request("GET", "/prod/items/1", headers: [("Authorization", "Bearer t")])).get()
        #expect(bearer.headers["X-Auth"] == "Bearer t")
    }

    @Test(arguments: [(TlsConfig?.none, true), (TlsConfig(insecureSkipVerification: false), true),
                      (TlsConfig(insecureSkipVerification: true), false)])
    func httpsEndpointsVerifyUnlessTlsConfigSkipsIt(tlsConfig: TlsConfig?, verifies: Bool) throws {
        let integration = Integration(type: "HTTP_PROXY", httpMethod: "GET", uri: "https://backend.example/v1", tlsConfig: tlsConfig)
        let upstream = try Self.build(integration, resource: "/v1", verb: "GET", F.request("GET", "/prod/v1")).get()
        #expect(upstream.isTLS)
        #expect(upstream.port == 443)
        #expect(upstream.headers["Host"] == "backend.example")
        #expect(upstream.verifiesPeer == verifies)
    }

    @Test func tlsClientsAreForwardedAsHttps() throws {
        let snapshot = try F.snapshot(F.content([("/a", ["GET": F.method("GET", F.proxyIntegration("http://svc/a"))])]))
        var invocation = try F.invocation(snapshot, F.request("GET", "/prod/a"))
        invocation = Invocation(request: invocation.request, connection: ClientConnection(remoteAddress: "::1", localPort: 443, isTLS: true),
                                stage: invocation.stage, route: invocation.route, match: RouteMatch(route: 0, parameterValues: []),
                                path: "/a", identifiers: F.identifiers, requestTimeEpochMillis: F.now, accountId: "1")
        guard case .http(let endpoint) = invocation.route.integration.target else { return }
        let upstream = try HTTPIntegrationRequest.build(invocation, endpoint: endpoint, renderer: MappingTemplateRenderer()).get()
        #expect(upstream.headers["X-Forwarded-Proto"] == "https")
        #expect(upstream.headers["X-Forwarded-Port"] == "443")
        #expect(upstream.headers["X-Forwarded-For"] == "::1")
    }
}

// MARK: - Path safety and header names

extension HTTPIntegrationRequestTests {
    static let queryIntoPath = Integration(type: "HTTP_PROXY", httpMethod: "GET", uri: "http://backend/base/{p}",
                                           requestParameters: ["integration.request.path.p": "method.request.querystring.p"])

    /// Query values (decoded once by the gateway) that name a dot segment once decoded, however deep.
    @Test(arguments: ["..", ".", "../admin", "..%2Fadmin", "%2e%2e", "%2E%2E%2Fadmin", "%252e%252e%252fadmin", "a/../../admin",
                      "..%5Cadmin", "..%00", "%00", "..;/admin"])
    func aQueryValueMappedIntoThePathThatNamesADotSegmentIsRefused(_ encoded: String) throws {
        let outcome = try Self.build(Self.queryIntoPath, resource: "/q", verb: "GET", F.request("GET", "/prod/q?p=\(encoded)"))
        #expect(outcome == .failure(.dotSegmentInPath))
    }

    /// Safe query values are encoded as one segment: their `/` and reserved characters cannot
    /// split or end the integration path.
    @Test(arguments: [("admin", "/base/admin"), ("a/b", "/base/a%2Fb"), ("a%3Fb%23c", "/base/a%3Fb%23c"), ("x%20y", "/base/x%20y"),
                      ("file.txt", "/base/file.txt"), ("...", "/base/...")])
    func aQueryValueMappedIntoThePathIsEncodedAsOneSegment(_ encoded: String, _ target: String) throws {
        let upstream = try Self.build(Self.queryIntoPath, resource: "/q", verb: "GET", F.request("GET", "/prod/q?p=\(encoded)")).get()
        #expect(upstream.target == "\(target)?p=\(encoded)")     // HTTP_PROXY passes the query on as received
    }

    /// A greedy value that still holds a dot segment once decoded (the pipeline refuses it when
    /// routing; the integration request refuses it again on its own).
    @Test(arguments: ["..%2fadmin", "x/..%2F..%2Fadmin", "%252e%252e/admin", "..%5cadmin", "..%00/x"])
    func aGreedyValueHoldingAnEncodedDotSegmentIsRefused(_ value: String) throws {
        let integration = Integration(type: "HTTP_PROXY", httpMethod: "ANY", uri: "http://backend/base/{proxy}")
        #expect(try Self.build(integration, resource: "/{proxy+}", F.request("GET", "/prod/\(value)")) == .failure(.dotSegmentInPath))
    }

    @Test func aGreedyValueKeepsItsSlashesAndEncodesWhatIsNotValidInAPath() throws {
        let integration = Integration(type: "HTTP_PROXY", httpMethod: "ANY", uri: "http://backend/base/{proxy}")
        let upstream = try Self.build(integration, resource: "/{proxy+}", F.request("GET", "/prod/a/b\\c/%zz/x.y")).get()
        #expect(upstream.target == "/base/a/b%5Cc/%25zz/x.y")
    }

    @Test func literalsAndValuesThatTogetherFormADotSegmentAreRefused() throws {
        let integration = Integration(type: "HTTP_PROXY", httpMethod: "ANY", uri: "http://backend/base/.{missing}./x")
        #expect(try Self.build(integration, F.request("GET", "/prod/items/1")) == .failure(.dotSegmentInPath))
        // A dot segment the administrator wrote into the URI is theirs: it is not refused.
        let written = Integration(type: "HTTP_PROXY", httpMethod: "ANY", uri: "http://backend/base/../other/{id}")
        #expect(try Self.build(written, F.request("GET", "/prod/items/1")).get().target == "/base/../other/1")
    }

    @Test func headersWithUnderscoresAreNotForwardedToAnHTTPBackend() throws {
        let integration = Integration(type: "HTTP_PROXY", httpMethod: "ANY", uri: "http://svc/x")
        let upstream = try Self.build(integration, F.request("POST", "/prod/items/1", headers: [
            ("Transfer_Encoding", "chunked"), ("Content_Length", "0"), ("X_Forwarded_For", "10.0.0.1"), ("x_api_key", "k"),
            ("X-Dashed", "kept"), ("_", "x"),
        ])).get()
        #expect(upstream.headers.fields.filter { $0.name.contains("_") }.isEmpty)
        #expect(upstream.headers["X-Dashed"] == "kept")
        #expect(upstream.headers["X-Forwarded-For"] == "203.0.113.7")
    }

    @Test func anHTTPIntegrationMayStillMapAnUnderscoreHeaderByName() throws {
        // The administrator names both sides of a mapping: the value of `X_Tenant` may be sent on.
        let integration = Integration(type: "HTTP", httpMethod: "GET", uri: "http://svc/x",
                                      requestParameters: ["integration.request.header.X-Tenant": "method.request.header.X_Tenant"])
        let upstream = try Self.build(integration, F.request("GET", "/prod/items/1", headers: [("X_Tenant", "t1")])).get()
        #expect(upstream.headers["X-Tenant"] == "t1")
        #expect(upstream.headers["X_Tenant"] == nil)
    }
}

extension PipelineFixtures {
    static func proxyIntegration(_ uri: String) -> Integration {
        Integration(type: "HTTP_PROXY", httpMethod: "ANY", uri: uri)
    }

}

// MARK: - Templates and body mappings

extension HTTPIntegrationRequestTests {

    @Test func theBackendReceivesTheRenderedTemplateAndItsOverrides() throws {
        let integration = Integration(
            type: "HTTP", httpMethod: "POST", uri: "http://backend.internal:9000/v1/{id}",
            requestParameters: ["integration.request.path.id": "method.request.path.id",
                                "integration.request.header.X-Mapped": "'mapped'",
                                "integration.request.querystring.page": "'1'"],
            requestTemplates: ["application/json": """
                #set($context.requestOverride.header.X-Mapped = "overridden")
                #set($context.requestOverride.querystring.page = "2")
                #set($context.requestOverride.path.id = "a/b")
                {"name": "$util.escapeJavaScript($input.path('$.name'))", "stage": "$context.stage", "v": "$stageVariables.v"}
                """])
        let request = F.request("POST", "/prod/items/7", headers: [("Content-Type", "application/json; charset=utf-8")],
                                body: Array(#"{"name": "Ann"}"#.utf8))
        let upstream = try Self.build(integration, verb: "POST", variables: ["v": "1"], request).get()
        #expect(String(decoding: upstream.body, as: UTF8.self) == #"{"name": "Ann", "stage": "prod", "v": "1"}"#)
        #expect(upstream.headers["Content-Type"] == "application/json")
        #expect(upstream.headers["X-Mapped"] == "overridden")
        // The override replaces the mapped path value, encoded as one segment like any non-path source.
        #expect(upstream.target == "/v1/a%2Fb?page=2")
    }

    @Test func anOverrideThatCouldSplitTheRequestIsA500() throws {
        let template = Integration(type: "HTTP", httpMethod: "POST", uri: "http://backend.internal/x", requestTemplates: [
            "application/json": "#set($nl = $util.urlDecode('%0D%0A'))#set($context.requestOverride.header.X-A = \"a${nl}Injected: 1\")"])
        let request = F.request("POST", "/prod/x", headers: [("Content-Type", "application/json")])
        #expect(try Self.build(template, resource: "/x", verb: "POST", request) == .failure(.internalServerError))
    }

    @Test func bodyJSONPathAndMultiValueHeadersFeedRequestParameters() throws {
        let integration = Integration(
            type: "HTTP", httpMethod: "POST", uri: "http://backend.internal/x",
            requestParameters: ["integration.request.header.X-Name": "method.request.body.customer.name",
                                "integration.request.header.X-Address": "method.request.body.customer.address",
                                "integration.request.querystring.count": "method.request.body.items.length",
                                "integration.request.header.X-None": "method.request.body.missing",
                                "integration.request.multivalueheader.X-All": "method.request.multivalueheader.X-Tag"])
        let request = F.request("POST", "/prod/x", headers: [("X-Tag", "a"), ("X-Tag", "b")],
                                body: Array(#"{"customer": {"name": "Ann", "address": {"city": "Oslo"}}, "items": {"length": 3}}"#.utf8))
        let upstream = try Self.build(integration, resource: "/x", verb: "POST", request).get()
        #expect(upstream.headers["X-Name"] == "Ann")
        #expect(upstream.headers["X-Address"] == #"{"city":"Oslo"}"#)
        #expect(upstream.headers["X-None"] == nil)
        #expect(upstream.headers.values("X-All") == ["a", "b"])
        #expect(upstream.target == "/x?count=3")
    }
}
