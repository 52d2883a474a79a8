import Testing
@testable import DataPlane
@testable import Shared

@Suite struct LambdaProxyEventTests {
    typealias F = PipelineFixtures
    static let uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:echo/invocations"

    static func invocation(_ request: HTTPRequest, variables: [String: String]? = nil, binary: [String]? = nil) throws -> Invocation {
        let integration = Integration(type: "AWS_PROXY", httpMethod: "POST", uri: uri)
        let content = F.content([("/{proxy+}", ["ANY": F.method("ANY", integration)])], binaryMediaTypes: binary)
        return try F.invocation(try F.snapshot(content, variables: variables), request)
    }

    /// The reference's AWS-recorded event, with Tollgate's values for the request below.
    static let fixture = """
    {"resource":"/{proxy+}","path":"/proxy-value/","httpMethod":"GET",\
    "headers":{"Host":"abc123defg.execute-api.localhost:8080","Accept":"*/*","tEsT-HEADeR":"aValUE","User-Agent":"curl/8",\
    "X-Amzn-Trace-Id":"Root=1-5759e988-bd862e3fe1be46a994272793","X-Forwarded-For":"203.0.113.7","X-Forwarded-Port":"8080","X-Forwarded-Proto":"http"},\
    "multiValueHeaders":{"Host":["abc123defg.execute-api.localhost:8080"],"Accept":["*/*"],"tEsT-HEADeR":["aValUE"],"User-Agent":["curl/8"],\
    "X-Amzn-Trace-Id":["Root=1-5759e988-bd862e3fe1be46a994272793"],"X-Forwarded-For":["203.0.113.7"],"X-Forwarded-Port":["8080"],"X-Forwarded-Proto":["http"]},\
    "queryStringParameters":{"category":"books","q":"a b"},\
    "multiValueQueryStringParameters":{"category":["electronics","books"],"q":["a b"]},\
    "pathParameters":{"proxy":"proxy-value"},"stageVariables":null,\
    "requestContext":{"resourceId":"res1","resourcePath":"/{proxy+}","httpMethod":"GET","extendedRequestId":"KtF82HGdliAFjxw=",\
    "requestTime":"04/Mar/2020:19:15:17 +0000","path":"/prod/proxy-value/","accountId":"123456789012","protocol":"HTTP/1.1","stage":"prod",\
    "domainPrefix":"abc123defg","requestTimeEpoch":1583349317135,"requestId":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef",\
    "identity":{"cognitoIdentityPoolId":null,"accountId":null,"cognitoIdentityId":null,"caller":null,"sourceIp":"203.0.113.7",\
    "principalOrgId":null,"accessKey":null,"cognitoAuthenticationType":null,"cognitoAuthenticationProvider":null,"userArn":null,\
    "userAgent":"curl/8","user":null},"domainName":"abc123defg.execute-api.localhost","deploymentId":"dep123","apiId":"abc123defg"},\
    "body":null,"isBase64Encoded":false}
    """

    @Test func matchesTheRecordedRestEventFieldByField() throws {
        let request = F.request("GET", "/prod/proxy-value/?category=electronics&category=books&q=a+b",
                                headers: [("Accept", "*/*"), ("tEsT-HEADeR", "aValUE"), ("user-agent", "curl/8"), ("Connection", "close")])
        let event = LambdaProxyEvent.make(try Self.invocation(request))
        #expect(event.serialized() == Self.fixture)
        #expect(try JSONParser.parse(Array(Self.fixture.utf8)) == event)
    }

    @Test func keepsTheLastValueOfRepeatedHeadersAndAllInMultiValue() throws {
        let request = F.request("POST", "/prod/x", headers: [("X-Dup", "1"), ("x-dup", "2")], body: Array("hello".utf8))
        let event = LambdaProxyEvent.make(try Self.invocation(request, variables: ["b": "2", "a": "1"]))
        #expect(event["headers"]?["X-Dup"] == .string("2"))
        #expect(event["multiValueHeaders"]?["X-Dup"] == .array([.string("1"), .string("2")]))
        #expect(event["body"] == .string("hello"))
        #expect(event["isBase64Encoded"] == .bool(false))
        #expect(event["queryStringParameters"] == .null)
        #expect(event["multiValueQueryStringParameters"] == .null)
        #expect(event["stageVariables"] == .object([("a", .string("1")), ("b", .string("2"))]))
        #expect(event["path"] == .string("/x"))
        #expect(event["requestContext"]?["path"] == .string("/prod/x"))
        #expect(event["pathParameters"]?["proxy"] == .string("x"))
    }

    /// AWS passes every header to a function; a JSON event has no CGI name mangling, so headers
    /// with `_` stay (HTTP backends do not get them).
    @Test func keepsHeadersWithUnderscoresForLambda() throws {
        let request = F.request("GET", "/prod/x", headers: [("X_Custom", "1"), ("Transfer_Encoding", "chunked")])
        let event = LambdaProxyEvent.make(try Self.invocation(request))
        #expect(event["headers"]?["X_Custom"] == .string("1"))
        #expect(event["headers"]?["Transfer_Encoding"] == .string("chunked"))
    }

    @Test func base64EncodesBinaryMediaTypesAndNonUtf8Bodies() throws {
        let png = F.request("POST", "/prod/img", headers: [("Content-Type", "image/png")], body: Array("PNG!".utf8))
        let binary = LambdaProxyEvent.make(try Self.invocation(png, binary: ["image/*"]))
        #expect(binary["body"] == .string("UE5HIQ=="))
        #expect(binary["isBase64Encoded"] == .bool(true))
        let raw = F.request("POST", "/prod/raw", headers: [("Content-Type", "application/octet-stream")], body: [0xFF, 0xFE, 0x00])
        let encoded = LambdaProxyEvent.make(try Self.invocation(raw))
        #expect(encoded["body"] == .string("//4A"))
        #expect(encoded["isBase64Encoded"] == .bool(true))
    }

    @Test func includesTheApiKeyWhenAPhaseAcceptedOne() throws {
        var invocation = try Self.invocation(F.request("GET", "/prod/k"))
        invocation.apiKey = Invocation.ApiKeyIdentity(value: "k3y-value-0123456789", id: "key123")
        let identity = LambdaProxyEvent.make(invocation)["requestContext"]?["identity"]
        #expect(identity?["apiKey"] == .string("k3y-value-0123456789"))
        #expect(identity?["apiKeyId"] == .string("key123"))
    }
}
