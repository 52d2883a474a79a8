import Testing
@testable import ControlPlane

@Suite struct AdminAPIMethodsTests {
    @Test func putGetUpdateDeleteMethod() throws {
        let h = try AdminHarness()
        let (id, root) = h.createApi()
        let base = "/restapis/\(id)/resources/\(root)/methods/GET"
        let put = h.call("PUT", base, ["authorizationType": "NONE", "apiKeyRequired": true,
                                        "requestParameters": ["method.request.querystring.q": true]])
        #expect(put.status == 201)
        #expect(put.string("httpMethod") == "GET" && put["apiKeyRequired"] as? Bool == true)
        #expect(h.call("PUT", base, ["authorizationType": "NONE"]).message == "Method already exists for this resource")
        #expect(h.call("GET", base).string("authorizationType") == "NONE")
        let updated = h.patch(base, [
            ("replace", "/apiKeyRequired", "false"), ("add", "/requestParameters/method.request.header.x-id", "true"),
            ("remove", "/requestParameters/method.request.querystring.q", nil),
            ("add", "/requestModels/application~1json", "Empty"), ("replace", "/operationName", "ListPets"),
        ])
        #expect(updated.status == 200)
        #expect(updated["apiKeyRequired"] as? Bool == false)
        #expect(updated["requestParameters"] as? [String: Bool] == ["method.request.header.x-id": true])
        #expect(updated["requestModels"] as? [String: String] == ["application/json": "Empty"])
        #expect(updated.string("operationName") == "ListPets")
        #expect(h.patch(base, [("replace", "/nonsense", "x")]).message == "Invalid patch path /nonsense")
        let deleted = h.call("DELETE", base)
        #expect(deleted.status == 204 && deleted.body.isEmpty)
        #expect(h.call("GET", base).message == "Invalid Method identifier specified")
    }

    @Test(arguments: [
        ("FETCH", #"{"authorizationType": "NONE"}"#, "Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY"),
        ("GET", #"{"authorizationType": "CUSTOM"}"#,
         "Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer."),
        ("GET", #"{"authorizationType": "NONE", "requestModels": {"application/json": "Pet"}}"#, "Invalid model identifier specified: Pet"),
        ("GET", #"{"authorizationType": "NONE", "requestParameters": {"method.request.querystring.id": true, "method.request.path.id": true}}"#,
         "Parameter names must be unique across querystring, header and path"),
        ("GET", #"{"authorizationType": "NONE", "requestValidatorId": "abc"}"#, "Invalid Request Validator identifier specified"),
    ])
    func putMethodValidation(verb: String, body: String, message: String) throws {
        let h = try AdminHarness()
        let (id, root) = h.createApi()
        let result = h.call("PUT", "/restapis/\(id)/resources/\(root)/methods/\(verb)", body)
        #expect(result.status == 400)
        #expect(result.message == message)
    }

    @Test func putMethodNeedsAnExistingResourceAndAnAuthorizationType() throws {
        let h = try AdminHarness()
        let (id, root) = h.createApi()
        #expect(h.call("PUT", "/restapis/\(id)/resources/zzzzzz/methods/GET", ["authorizationType": "NONE"]).status == 404)
        #expect(h.call("PUT", "/restapis/\(id)/resources/\(root)/methods/GET", [String: Any]()).errorType == "ValidationException")
    }

    @Test func methodResponsesLifecycle() throws {
        let h = try AdminHarness()
        let (id, root) = h.createApi()
        h.putMockMethod(id, root)
        let base = "/restapis/\(id)/resources/\(root)/methods/GET/responses/200"
        let put = h.call("PUT", base, ["responseParameters": ["method.response.header.X-Id": false],
                                        "responseModels": ["application/json": "Empty"]])
        #expect(put.status == 201 && put.string("statusCode") == "200")
        #expect(h.call("GET", base)["responseModels"] as? [String: String] == ["application/json": "Empty"])
        let updated = h.patch(base, [("replace", "/responseParameters/method.response.header.X-Id", "true")])
        #expect(updated.status == 201)  // botocore models UpdateMethodResponse's success code as 201
        #expect(updated["responseParameters"] as? [String: Bool] == ["method.response.header.X-Id": true])
        let method = h.call("GET", "/restapis/\(id)/resources/\(root)/methods/GET")
        #expect((method["methodResponses"] as? [String: Any])?["200"] != nil)
        #expect(h.call("DELETE", base).status == 204)
        #expect(h.call("GET", base).message == "Invalid Response status code specified")
        #expect(h.call("PUT", "/restapis/\(id)/resources/\(root)/methods/GET/responses/2000", [String: Any]()).status == 400)
    }
}
