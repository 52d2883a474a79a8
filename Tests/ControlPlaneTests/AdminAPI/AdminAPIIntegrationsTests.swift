import Testing
@testable import ControlPlane

@Suite struct AdminAPIIntegrationsTests {
    static let lambdaURI = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:hello/invocations"

    @Test func putIntegrationFillsAWSDefaults() throws {
        let h = try AdminHarness()
        let (id, root) = h.createApi()
        h.call("PUT", "/restapis/\(id)/resources/\(root)/methods/GET", ["authorizationType": "NONE"])
        let result = h.call("PUT", "/restapis/\(id)/resources/\(root)/methods/GET/integration",
                            ["type": "HTTP_PROXY", "httpMethod": "GET", "uri": "https://example.com/{proxy}"])
        #expect(result.status == 201)
        #expect(result.string("type") == "HTTP_PROXY" && result.string("httpMethod") == "GET")
        #expect(result["timeoutInMillis"] as? Int == 29000)
        #expect(result.string("passthroughBehavior") == "WHEN_NO_MATCH")
        #expect(result.string("cacheNamespace") == root)
        #expect(result["cacheKeyParameters"] as? [String] == [])
        #expect(result.string("connectionType") == "INTERNET")
        let method = h.call("GET", "/restapis/\(id)/resources/\(root)/methods/GET")
        #expect((method["methodIntegration"] as? [String: Any])?["uri"] as? String == "https://example.com/{proxy}")
    }

    @Test(arguments: [
        (#"{"type": "FOO"}"#, "1 validation error detected: Value 'FOO' at 'putIntegrationInput.type' failed to satisfy constraint: Member must satisfy enum value set: [HTTP, AWS, MOCK, HTTP_PROXY, AWS_PROXY]"),
        (#"{"type": "HTTP", "uri": "https://example.com"}"#, "Enumeration value for HttpMethod must be non-empty"),
        (#"{"type": "HTTP_PROXY", "httpMethod": "GET", "uri": "not a url"}"#, "Invalid HTTP endpoint specified for URI"),
        (#"{"type": "HTTP", "httpMethod": "GET"}"#, "Invalid HTTP endpoint specified for URI"),
        (#"{"type": "AWS_PROXY", "httpMethod": "POST", "uri": "hello"}"#, "Invalid ARN specified in the request"),
        (#"{"type": "AWS", "httpMethod": "POST", "uri": "arn:aws:apigateway:us-east-1:sqs:foo"}"#, "AWS ARN for integration must contain path or action"),
        (#"{"type": "AWS", "httpMethod": "POST", "uri": "arn:aws:iam::0000000000:role/service-role/asdf"}"#, "AWS ARN for integration must contain path or action"),
        (#"{"type": "AWS_PROXY", "httpMethod": "POST", "uri": "arn:aws:lambda:us-east-1:123456789012:function:hello"}"#,
         "AWS ARN for integration must contain path or action"),
        (#"{"type": "AWS", "httpMethod": "POST", "uri": "arn:aws:execute-api:us-east-1:sqs:path/1/q"}"#, "Invalid ARN specified in the request"),
        (#"{"type": "AWS_PROXY", "httpMethod": "POST", "uri": "arn:aws:apigateway:us-east-1:sqs:path/123/q"}"#,
         "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations."),
        (#"{"type": "AWS", "httpMethod": "POST", "uri": "arn:aws:apigateway:us-east-1:s3:path/b/k"}"#, "Role ARN must be specified for AWS integrations"),
        (#"{"type": "AWS", "httpMethod": "POST", "uri": "arn:aws:apigateway:us-east-1:s3:path/b/k", "credentials": ""}"#,
         "Role ARN must be specified for AWS integrations"),
        (#"{"type": "MOCK", "timeoutInMillis": 49}"#, "Timeout should be between 50 ms and 29000 ms"),
        (#"{"type": "MOCK", "timeoutInMillis": 29001}"#, "Timeout should be between 50 ms and 29000 ms"),
    ])
    func putIntegrationValidation(body: String, message: String) throws {
        let h = try AdminHarness()
        let (id, root) = h.createApi()
        h.call("PUT", "/restapis/\(id)/resources/\(root)/methods/GET", ["authorizationType": "NONE"])
        let result = h.call("PUT", "/restapis/\(id)/resources/\(root)/methods/GET/integration", body)
        #expect(result.status == 400)
        #expect(result.message == message)
    }

    @Test(arguments: [
        #"{"type": "MOCK"}"#,
        #"{"type": "HTTP", "httpMethod": "GET", "uri": "http://${stageVariables.host}/pets"}"#,
        #"{"type": "AWS_PROXY", "httpMethod": "POST", "uri": "\#(lambdaURI)"}"#,
        #"{"type": "AWS", "httpMethod": "POST", "uri": "arn:aws:apigateway:us-east-1:sqs:action/SendMessage", "credentials": "arn:aws:iam::123456789012:role/apigw"}"#,
        #"{"type": "AWS", "httpMethod": "POST", "uri": "\#(lambdaURI)"}"#,
        #"{"type": "AWS", "httpMethod": "PUT", "uri": "arn:aws:apigateway:us-west-2:runtime.sagemaker:path//endpoints/e/invocations"}"#,
        #"{"type": "AWS", "httpMethod": "POST", "uri": "arn:aws:apigateway:us-east-1:s3:path/b/k", "credentials": "arn:aws:iam::*:user/*"}"#,
    ])
    func acceptsEachSupportedIntegrationType(body: String) throws {
        let h = try AdminHarness()
        let (id, root) = h.createApi()
        h.call("PUT", "/restapis/\(id)/resources/\(root)/methods/GET", ["authorizationType": "NONE"])
        #expect(h.call("PUT", "/restapis/\(id)/resources/\(root)/methods/GET/integration", body).status == 201)
    }

    @Test(arguments: ["AWS", "AWS_PROXY"])
    func refusesAnotherAccountsRole(type: String) throws {
        let h = try AdminHarness()
        let (id, root) = h.createApi()
        h.call("PUT", "/restapis/\(id)/resources/\(root)/methods/GET", ["authorizationType": "NONE"])
        let result = h.call("PUT", "/restapis/\(id)/resources/\(root)/methods/GET/integration",
                            ["type": type, "httpMethod": "POST", "uri": "arn:aws:apigateway:us-east-1:s3:path/b/k",
                             "credentials": "arn:aws:iam::111122223333:role/service-role/other"])
        #expect(result.status == 403 && result.errorType == "AccessDeniedException")
        #expect(result.message == "Cross-account pass role is not allowed.")
    }

    @Test func integrationNeedsAMethod() throws {
        let h = try AdminHarness()
        let (id, root) = h.createApi()
        let result = h.call("PUT", "/restapis/\(id)/resources/\(root)/methods/POST/integration", ["type": "MOCK"])
        #expect(result.status == 404 && result.message == "Invalid Method identifier specified")
        h.call("PUT", "/restapis/\(id)/resources/\(root)/methods/POST", ["authorizationType": "NONE"])
        #expect(h.call("GET", "/restapis/\(id)/resources/\(root)/methods/POST/integration").message == "Invalid Integration identifier specified")
    }

    @Test func updateIntegrationRevalidates() throws {
        let h = try AdminHarness()
        let (id, root) = h.createApi()
        h.putMockMethod(id, root)
        let base = "/restapis/\(id)/resources/\(root)/methods/GET/integration"
        let ok = h.patch(base, [("replace", "/timeoutInMillis", "1000"), ("add", "/requestTemplates/application~1json", "{}"),
                                ("add", "/cacheKeyParameters/method.request.path.id", nil)])
        #expect(ok.status == 200 && ok["timeoutInMillis"] as? Int == 1000)
        #expect(ok["requestTemplates"] as? [String: String] == ["application/json": "{}"])
        #expect(ok["cacheKeyParameters"] as? [String] == ["method.request.path.id"])
        #expect(h.patch(base, [("replace", "/timeoutInMillis", "10")]).message == "Timeout should be between 50 ms and 29000 ms")
        #expect(h.call("GET", base)["timeoutInMillis"] as? Int == 1000)
        #expect(h.call("DELETE", base).status == 204)
        #expect(h.call("GET", base).status == 404)
    }

    @Test func integrationResponsesNeedAMethodResponse() throws {
        let h = try AdminHarness()
        let (id, root) = h.createApi()
        h.putMockMethod(id, root)
        let base = "/restapis/\(id)/resources/\(root)/methods/GET/integration/responses/200"
        #expect(h.call("PUT", base, ["selectionPattern": ""]).message == "Invalid Response status code specified")
        h.call("PUT", "/restapis/\(id)/resources/\(root)/methods/GET/responses/200", [String: Any]())
        let put = h.call("PUT", base, ["selectionPattern": "", "responseTemplates": ["application/json": "{\"ok\":true}"]])
        #expect(put.status == 201 && put.string("statusCode") == "200" && put.string("selectionPattern") == "")
        let updated = h.patch(base, [("replace", "/selectionPattern", "2\\d{2}"),
                                     ("add", "/responseParameters/method.response.header.X-A", "'a'")])
        #expect(updated.string("selectionPattern") == "2\\d{2}")
        #expect(updated["responseParameters"] as? [String: String] == ["method.response.header.X-A": "'a'"])
        let integration = h.call("GET", "/restapis/\(id)/resources/\(root)/methods/GET/integration")
        #expect((integration["integrationResponses"] as? [String: Any])?["200"] != nil)
        #expect(h.call("DELETE", base).status == 204)
        #expect(h.call("GET", base).status == 404)
    }
}
