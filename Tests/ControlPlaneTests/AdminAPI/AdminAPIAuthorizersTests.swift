import Testing
@testable import ControlPlane
import Shared

@Suite struct AdminAPIAuthorizersTests {
    static let lambdaURI = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations"
    static var token: [String: Any] { ["name": "tok", "type": "TOKEN", "authorizerUri": lambdaURI,
                                       "identitySource": "method.request.header.Authorization"] }

    @Test func createTokenAuthorizerReportsTheDefaultTTL() throws {
        let h = try AdminHarness()
        let (id, _) = h.createApi()
        let created = h.call("POST", "/restapis/\(id)/authorizers", Self.token)
        #expect(created.status == 201)
        #expect(created.string("id")?.count == 6)
        #expect(created.string("type") == "TOKEN" && created.string("name") == "tok")
        #expect(created["authorizerResultTtlInSeconds"] as? Int == 300)
        let authorizerId = created.string("id")!
        #expect(h.call("GET", "/restapis/\(id)/authorizers/\(authorizerId)").string("authorizerUri") == Self.lambdaURI)
        #expect(h.call("GET", "/restapis/\(id)/authorizers").items.map { $0["id"] as? String } == [authorizerId])
    }

    @Test func createRequestAndCognitoAuthorizers() throws {
        let h = try AdminHarness()
        let (id, _) = h.createApi()
        let request = h.call("POST", "/restapis/\(id)/authorizers", ["name": "req", "type": "REQUEST", "authorizerUri": Self.lambdaURI,
                                                                    "identitySource": "method.request.querystring.key", "authorizerResultTtlInSeconds": 0])
        #expect(request.status == 201 && request["authorizerResultTtlInSeconds"] as? Int == 0)
        let cognito = h.call("POST", "/restapis/\(id)/authorizers", ["name": "pool", "type": "COGNITO_USER_POOLS",
                                                                    "providerARNs": ["arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc"]])
        #expect(cognito.status == 201 && (cognito["providerARNs"] as? [String])?.count == 1)
        #expect(h.call("GET", "/restapis/\(id)/authorizers").items.count == 2)
    }

    @Test(arguments: [
        (#"{"type": "TOKEN"}"#, "ValidationException",
         "1 validation error detected: Value null at 'createAuthorizerInput.name' failed to satisfy constraint: Member must not be null"),
        (#"{"name": "a"}"#, "ValidationException",
         "1 validation error detected: Value null at 'createAuthorizerInput.type' failed to satisfy constraint: Member must not be null"),
        (#"{"name": "a", "type": "JWT"}"#, "ValidationException",
         "1 validation error detected: Value 'JWT' at 'createAuthorizerInput.type' failed to satisfy constraint: Member must satisfy enum value set: [TOKEN, REQUEST, COGNITO_USER_POOLS]"),
        (#"{"name": "a", "type": "COGNITO_USER_POOLS"}"#, "BadRequestException", "ProviderARNs need to be specified for a COGNITO_USER_POOLS authorizer"),
        (#"{"name": "a", "type": "REQUEST"}"#, "BadRequestException", "Authorizer URI must be specified for a REQUEST authorizer"),
        (#"{"name": "a", "type": "TOKEN", "authorizerUri": "arn:x", "identitySource": "method.request.querystring.q"}"#, "BadRequestException",
         "Invalid token source expression: method.request.querystring.q. The source must be a method request header, matching 'method.request.header.[a-zA-Z0-9._-]+'."),
        (#"{"name": "a", "type": "COGNITO_USER_POOLS", "providerARNs": ["arn:p"], "authorizerResultTtlInSeconds": 3601}"#, "BadRequestException",
         "Invalid authorizerResultTtlInSeconds specified: 3601. It must be between 0 and 3600"),
    ])
    func createRefusesWithAWSsMessages(body: String, type: String, message: String) throws {
        let h = try AdminHarness()
        let (id, _) = h.createApi()
        let result = h.call("POST", "/restapis/\(id)/authorizers", body)
        #expect(result.errorType == type)
        #expect(result.message == message)
        #expect(h.call("GET", "/restapis/\(id)/authorizers").items.isEmpty)
    }

    @Test func unknownApiAndAuthorizerAnswerAWSs404s() throws {
        let h = try AdminHarness()
        #expect(h.call("GET", "/restapis/nope/authorizers").message == "Invalid API identifier specified 123456789012:nope")
        let (id, _) = h.createApi()
        for (verb, body) in [("GET", nil), ("DELETE", nil), ("PATCH", ["patchOperations": [] as [Any]] as Any?)] {
            let result = h.call(verb, "/restapis/\(id)/authorizers/xxx", body)
            #expect(result.status == 404 && result.message == "Invalid Authorizer identifier specified")
        }
    }

    @Test func updateAuthorizerPatchPaths() throws {
        let h = try AdminHarness()
        let (id, _) = h.createApi()
        let authorizerId = h.call("POST", "/restapis/\(id)/authorizers", Self.token).string("id")!
        let base = "/restapis/\(id)/authorizers/\(authorizerId)"
        let updated = h.patch(base, [("replace", "/name", "renamed"), ("replace", "/authorizerResultTtlInSeconds", "60"),
                                     ("replace", "/identityValidationExpression", "^Bearer .+$"),
                                     ("replace", "/authorizerCredentials", "arn:aws:iam::123456789012:role/r")])
        #expect(updated.status == 200)
        #expect(updated.string("name") == "renamed" && updated["authorizerResultTtlInSeconds"] as? Int == 60)
        #expect(h.call("GET", base).string("identityValidationExpression") == "^Bearer .+$")
        #expect(h.patch(base, [("replace", "/authorizerCredentials", "")])["authorizerCredentials"] == nil)
        #expect(h.patch(base, [("replace", "/bogus", "x")]).message == "Invalid patch path /bogus")
        #expect(h.patch(base, [("replace", "/authorizerResultTtlInSeconds", "9999")]).status == 400)
        #expect(h.patch(base, [("replace", "/type", "COGNITO_USER_POOLS")]).message == "ProviderARNs need to be specified for a COGNITO_USER_POOLS authorizer")
        #expect(h.call("GET", base).string("type") == "TOKEN")  // a refused patch stores nothing
        let cognito = h.patch(base, [("replace", "/type", "COGNITO_USER_POOLS"), ("add", "/providerARNs/arn:aws:cognito-idp:x", nil),
                                     ("add", "/providerARNs", "arn:aws:cognito-idp:y")])
        #expect(cognito["providerARNs"] as? [String] == ["arn:aws:cognito-idp:x", "arn:aws:cognito-idp:y"])
        #expect(h.patch(base, [("remove", "/providerARNs/arn:aws:cognito-idp:x", nil)])["providerARNs"] as? [String] == ["arn:aws:cognito-idp:y"])
    }

    @Test func methodsMustNameAnAuthorizerOfTheRightKind() throws {
        let h = try AdminHarness()
        let (id, root) = h.createApi()
        let token = h.call("POST", "/restapis/\(id)/authorizers", Self.token).string("id")!
        let pool = h.call("POST", "/restapis/\(id)/authorizers", ["name": "p", "type": "COGNITO_USER_POOLS", "providerARNs": ["arn:p"]]).string("id")!
        let invalid = "Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer."
        let method = "/restapis/\(id)/resources/\(root)/methods"
        #expect(h.call("PUT", "\(method)/GET", ["authorizationType": "CUSTOM", "authorizerId": "nope"]).message == invalid)
        #expect(h.call("PUT", "\(method)/GET", ["authorizationType": "CUSTOM", "authorizerId": pool]).message == invalid)
        #expect(h.call("PUT", "\(method)/GET", ["authorizationType": "COGNITO_USER_POOLS", "authorizerId": token]).message == invalid)
        #expect(h.call("PUT", "\(method)/GET", ["authorizationType": "CUSTOM", "authorizerId": token]).status == 201)
        #expect(h.call("PUT", "\(method)/POST", ["authorizationType": "COGNITO_USER_POOLS", "authorizerId": pool,
                                                 "authorizationScopes": ["read"]]).status == 201)
        #expect(h.patch("\(method)/GET", [("replace", "/authorizerId", pool)]).message == invalid)
        // In use: deleting it would leave the method pointing nowhere.
        let delete = h.call("DELETE", "/restapis/\(id)/authorizers/\(token)")
        #expect(delete.status == 409 && delete.message == "Cannot delete authorizer '\(token)', is referenced in method: GET /")
        #expect(h.call("DELETE", "\(method)/GET").status == 204)
        #expect(h.call("DELETE", "/restapis/\(id)/authorizers/\(token)").status == 202)
        #expect(h.call("GET", "/restapis/\(id)/authorizers/\(token)").status == 404)
    }

    @Test func aMethodBehindAnAuthorizerDeploysWithItsCompiledAuthorizer() throws {
        let h = try AdminHarness()
        let (id, root) = h.createApi()
        let token = h.call("POST", "/restapis/\(id)/authorizers", Self.token).string("id")!
        #expect(h.call("PUT", "/restapis/\(id)/resources/\(root)/methods/GET", ["authorizationType": "CUSTOM", "authorizerId": token]).status == 201)
        #expect(h.call("PUT", "/restapis/\(id)/resources/\(root)/methods/GET/integration", ["type": "MOCK"]).status == 201)
        let deployment = h.deploy(id, stage: "prod")
        let content = try #require(try h.store.read { tx in try tx.deploymentContent(restApiId: id, id: deployment) })
        #expect(content.authorizers?.map(\.id) == [token])  // frozen with the deployment
        let stageRow = try #require(try h.store.read { tx in try tx.stage(restApiId: id, name: "prod") })
        let compiled = try SnapshotCompiler.compileStage(SnapshotStage(restApiId: id, stage: stageRow, deployment: content))
        #expect(compiled.routes.first?.refusal == nil, "the node runs the authorizer instead of refusing")
        #expect(compiled.routes.first?.authorizer?.id == token)
        #expect(compiled.routes.first?.authorizer?.function == "arn:aws:lambda:us-east-1:123456789012:function:auth")
    }

    @Test func flushStageAuthorizersCacheNeedsTheStage() throws {
        let h = try AdminHarness()
        let deployed = h.deployedApi()
        #expect(h.call("DELETE", "/restapis/\(deployed.id)/stages/prod/cache/authorizers").status == 202)
        let missing = h.call("DELETE", "/restapis/\(deployed.id)/stages/nope/cache/authorizers")
        #expect(missing.status == 404 && missing.message == "Invalid Stage identifier specified")
    }

    @Test func testInvokeAuthorizerWithoutATestInvokerIsNotImplemented() throws {
        let h = try AdminHarness()
        let (id, _) = h.createApi()
        let token = h.call("POST", "/restapis/\(id)/authorizers", Self.token).string("id")!
        let result = h.call("POST", "/restapis/\(id)/authorizers/\(token)", ["headers": ["Authorization": "x"]])
        #expect(result.status == 501 && result.message?.contains("without a test invoker") == true)
        #expect(h.call("POST", "/restapis/\(id)/authorizers/nope", [String: Any]()).status == 404)
    }
}
