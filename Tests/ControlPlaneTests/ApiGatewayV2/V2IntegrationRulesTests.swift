import Testing
@testable import ControlPlane
import Shared

@Suite struct V2IntegrationRulesTests {
    static func integration(_ type: String, uri: String? = nil, method: String? = nil, payload: String? = nil) -> V2Integration {
        V2Integration(integrationId: "abc1234", integrationType: type, connectionType: "INTERNET", integrationMethod: method,
                      integrationUri: uri, payloadFormatVersion: payload, timeoutInMillis: 30_000)
    }

    static let lambda = "arn:aws:lambda:us-east-1:123456789012:function:hello"

    @Test func httpProxyDefaultsToPayloadOneAndNeedsAURLAndAMethod() throws {
        let checked = try V2IntegrationRules.checked(Self.integration("HTTP_PROXY", uri: "https://example.com/{proxy}", method: "ANY"), protocolType: "HTTP")
        #expect(checked.payloadFormatVersion == "1.0")
        #expect(throws: AdminError.self) { try V2IntegrationRules.checked(Self.integration("HTTP_PROXY", uri: "https://example.com"), protocolType: "HTTP") }
        #expect(throws: AdminError.self) { try V2IntegrationRules.checked(Self.integration("HTTP_PROXY", uri: "ftp://x", method: "GET"), protocolType: "HTTP") }
        #expect(throws: AdminError.self) {
            try V2IntegrationRules.checked(Self.integration("HTTP_PROXY", uri: "https://e.com", method: "GET", payload: "2.0"), protocolType: "HTTP")
        }
    }

    @Test func awsProxyOnAnHTTPApiRequiresPayloadOneOrTwo() throws {
        for version in ["1.0", "2.0"] {
            let checked = try V2IntegrationRules.checked(Self.integration("AWS_PROXY", uri: Self.lambda, payload: version), protocolType: "HTTP")
            #expect(checked.payloadFormatVersion == version && checked.integrationMethod == "POST")
        }
        #expect(throws: AdminError.self) { try V2IntegrationRules.checked(Self.integration("AWS_PROXY", uri: Self.lambda), protocolType: "HTTP") }
        #expect(throws: AdminError.self) {
            try V2IntegrationRules.checked(Self.integration("AWS_PROXY", uri: Self.lambda, payload: "3.0"), protocolType: "HTTP")
        }
        let invocation = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/\(Self.lambda)/invocations"
        #expect(try V2IntegrationRules.checked(Self.integration("AWS_PROXY", uri: invocation, payload: "2.0"), protocolType: "HTTP").integrationUri == invocation)
        #expect(throws: AdminError.self) {
            try V2IntegrationRules.checked(Self.integration("AWS_PROXY", uri: "arn:aws:s3:::bucket", payload: "2.0"), protocolType: "HTTP")
        }
    }

    @Test func mockIsForWebSocketApisOnly() throws {
        #expect(throws: AdminError.self) { try V2IntegrationRules.checked(Self.integration("MOCK"), protocolType: "HTTP") }
        var mock = Self.integration("MOCK")
        mock.timeoutInMillis = 29_000
        #expect(try V2IntegrationRules.checked(mock, protocolType: "WEBSOCKET").payloadFormatVersion == "1.0")
    }

    @Test func timeoutsAreBoundedPerProtocol() {
        var integration = Self.integration("HTTP_PROXY", uri: "https://e.com", method: "GET")
        integration.timeoutInMillis = 30_001
        #expect(throws: AdminError.self) { try V2IntegrationRules.checked(integration, protocolType: "HTTP") }
        integration.timeoutInMillis = 49
        #expect(throws: AdminError.self) { try V2IntegrationRules.checked(integration, protocolType: "HTTP") }
        integration.timeoutInMillis = 30_000
        #expect(throws: AdminError.self) { try V2IntegrationRules.checked(integration, protocolType: "WEBSOCKET") }
    }

    @Test func unbuiltFeaturesAreRefusedNotStored() {
        var subtype = Self.integration("AWS_PROXY", payload: "1.0")
        subtype.integrationSubtype = "SQS-SendMessage"
        #expect(throws: AdminError.notImplemented("Tollgate does not implement AWS service integrations (integrationSubtype) yet")) {
            try V2IntegrationRules.checked(subtype, protocolType: "HTTP")
        }
        var vpc = Self.integration("HTTP_PROXY", uri: "https://e.com", method: "GET")
        vpc.connectionType = "VPC_LINK"
        #expect(throws: AdminError.self) { try V2IntegrationRules.checked(vpc, protocolType: "HTTP") }
    }

    @Test(arguments: [("overwrite:path", true), ("append:header.x-a", true), ("remove:querystring.q", true),
                      ("overwrite:statuscode", false), ("set:header.a", false), ("append:header.", false), ("overwrite:body", false)])
    func requestParameterMappingKeys(_ key: String, _ valid: Bool) {
        #expect(V2IntegrationRules.isHTTPRequestMapping(key) == valid)
    }
}
