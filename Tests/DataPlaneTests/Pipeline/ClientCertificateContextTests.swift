import Testing
@testable import DataPlane
@testable import Shared

/// `$context.identity.clientCert` (mutual TLS, issue 15) from the connection's verified
/// certificate: mapping templates, parameter-mapping context variables, the Lambda proxy event
/// (and so REQUEST authorizers' events) and access logs; without a certificate, empty in templates, absent from events, `-` in logs.
@Suite struct ClientCertificateContextTests {
    typealias F = PipelineFixtures
    static let certificate = TLSClientCertificate(
        clientCertPem: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", subjectDN: "C=US,O=Example,CN=client",
        issuerDN: "CN=Clients CA", serialNumber: "4660", notBefore: "May 28 12:30:02 2019 GMT", notAfter: "Aug  5 09:36:04 2031 GMT",
        verifiedForDomain: "m.example.com")

    static func invocation(_ certificate: TLSClientCertificate?, integration: Integration? = nil) throws -> Invocation {
        let mock = integration ?? Integration(type: "MOCK", requestTemplates: ["application/json": #"{"statusCode": 200}"#],
                                              integrationResponses: ["200": IntegrationResponse(statusCode: "200")])
        let snapshot = try F.snapshot(F.content([("/who", ["GET": F.method("GET", mock)])]))
        let connection = ClientConnection(remoteAddress: "203.0.113.7", localPort: 8443, isTLS: true, clientCertificate: certificate)
        return try F.invocation(snapshot, F.request("GET", "/prod/who"), connection: connection)
    }

    @Test func templatesSeeEveryFieldAndEmptyStringsWithoutACertificate() throws {
        let source = "$context.identity.clientCert.subjectDN|$context.identity.clientCert.issuerDN|$context.identity.clientCert.serialNumber|$context.identity.clientCert.validity.notBefore|$context.identity.clientCert.validity.notAfter|$context.identity.clientCert.clientCertPem.length()"
        let template = try MappingTemplate(contentType: "application/json", source: source)
        let renderer = MappingTemplateRenderer(log: { _ in })
        let with = try renderer.renderRequest(template, invocation: Self.invocation(Self.certificate)).get()
        #expect(String(decoding: with.body, as: UTF8.self)
            == "C=US,O=Example,CN=client|CN=Clients CA|4660|May 28 12:30:02 2019 GMT|Aug  5 09:36:04 2031 GMT|\(Self.certificate.clientCertPem.count)")
        let without = try renderer.renderRequest(template, invocation: Self.invocation(nil)).get()
        #expect(String(decoding: without.body, as: UTF8.self) == "|||||0")
    }

    @Test func contextVariablesNameEachField() throws {
        let invocation = try Self.invocation(Self.certificate)
        #expect(invocation.contextVariable("identity.clientCert.subjectDN") == "C=US,O=Example,CN=client")
        #expect(invocation.contextVariable("identity.clientCert.validity.notAfter") == "Aug  5 09:36:04 2031 GMT")
        #expect(invocation.contextVariable("identity.clientCert.nothing") == nil)
        #expect(try Self.invocation(nil).contextVariable("identity.clientCert.subjectDN") == nil)
    }

    @Test func theLambdaProxyEventCarriesItInRequestContextIdentity() throws {
        let uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:echo/invocations"
        let lambda = Integration(type: "AWS_PROXY", httpMethod: "POST", uri: uri)
        let event = LambdaProxyEvent.make(try Self.invocation(Self.certificate, integration: lambda))
        let shown = event["requestContext"]?["identity"]?["clientCert"]
        #expect(shown == .object([
            ("clientCertPem", .string(Self.certificate.clientCertPem)), ("subjectDN", .string("C=US,O=Example,CN=client")),
            ("issuerDN", .string("CN=Clients CA")), ("serialNumber", .string("4660")),
            ("validity", .object([("notBefore", .string("May 28 12:30:02 2019 GMT")), ("notAfter", .string("Aug  5 09:36:04 2031 GMT"))])),
        ]))
        // A REQUEST Lambda authorizer's event is the proxy event's: it gets the certificate too.
        let authorizer = LambdaAuthorizerEvent.request(try Self.invocation(Self.certificate, integration: lambda), methodArn: "arn")
        #expect(authorizer["requestContext"]?["identity"]?["clientCert"]?["subjectDN"] == .string("C=US,O=Example,CN=client"))
        let plain = LambdaProxyEvent.make(try Self.invocation(nil, integration: lambda))
        #expect(plain["requestContext"]?["identity"]?["clientCert"] == nil)
    }

    @Test func accessLogsShowTheFieldsOrADash() throws {
        let program = AccessLogProgram(try AccessLogFormat.compile("$context.requestId|$context.identity.clientCert.subjectDN|$context.identity.clientCert.serialNumber"))
        let record = CompletionRecord(status: 200, latencyNanos: 0, integrationLatencyNanos: nil, requestBodyBytes: 0, responseBodyBytes: 0,
                                      errorType: nil, errorSource: nil, error: nil)
        #expect(String(decoding: program.render(try Self.invocation(Self.certificate), record), as: UTF8.self) == "\(F.identifiers.requestId)|C=US,O=Example,CN=client|4660\n")
        #expect(String(decoding: program.render(try Self.invocation(nil), record), as: UTF8.self) == "\(F.identifiers.requestId)|-|-\n")
    }
}
