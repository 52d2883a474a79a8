import Testing
@testable import Shared

/// Protections the data plane does not enforce yet compile into a refusal on the route (fail closed);
/// `NONE` and `AWS_IAM` compile to none: the policy filter (`PolicyAuthorizationFilter`) checks them.
@Suite struct AccessRefusalTests {
    typealias F = CompileFixtures

    @Test(arguments: [
        ("NONE", nil, nil),
        ("NONE", "", nil),                                   // an empty policy is no policy
        ("AWS_IAM", nil, nil),                               // verified by the policy filter
        ("CUSTOM", nil, AccessRefusal.authorizer),
        ("COGNITO_USER_POOLS", nil, .authorizer),
        ("aws_iam", nil, .iam),                              // unknown spellings are never open
        ("", nil, .iam),
        ("NONE", #"{"Version":"2012-10-17","Statement":[]}"#, nil),  // evaluated by the policy filter
        ("AWS_IAM", #"{"Statement":[]}"#, nil),
        ("CUSTOM", "x", .authorizer),                        // the policy filter evaluates the policy first
        ("COGNITO_USER_POOLS", "x", .authorizer),            // (lifted by StageBuilder with its authorizer)
    ] as [(String, String?, AccessRefusal?)])
    func compilesTheRefusalInAwsOrder(authorizationType: String, policy: String?, expected: AccessRefusal?) {
        #expect(AccessRefusal.compile(authorizationType: authorizationType, resourcePolicy: policy) == expected)
    }

    static func method(_ verb: String, authorization: String, apiKeyRequired: Bool = false) -> Method {
        Method(httpMethod: verb, authorizationType: authorization, apiKeyRequired: apiKeyRequired,
               methodResponses: ["200": MethodResponse(statusCode: "200")],
               methodIntegration: F.proxy("http://backend.local:8080/x", verb: verb))
    }

    static let mixed = F.content([
        ("/open", ["GET": method("GET", authorization: "NONE")]),
        ("/iam", ["GET": method("GET", authorization: "AWS_IAM", apiKeyRequired: true),
                  "OPTIONS": method("OPTIONS", authorization: "NONE")]),
        ("/custom", ["ANY": method("ANY", authorization: "CUSTOM")]),
        ("/cognito/{id}", ["POST": method("POST", authorization: "COGNITO_USER_POOLS")]),
    ])

    @Test func everyRouteCarriesItsMethodsRefusal() throws {
        let stage = try F.compileOne(Self.mixed)
        #expect(stage.route(method: "GET", path: "/open")?.route.refusal == nil)
        #expect(stage.route(method: "GET", path: "/iam")?.route.refusal == nil, "AWS_IAM is the policy filter's")
        #expect(stage.route(method: "OPTIONS", path: "/iam")?.route.refusal == nil, "authorization is per method")
        #expect(stage.route(method: "DELETE", path: "/custom")?.route.refusal == .authorizer)
        #expect(stage.route(method: "POST", path: "/cognito/7")?.route.refusal == .authorizer)
    }

    @Test func aResourcePolicyNoLongerRefusesAuthorizerRoutes() throws {
        var content = Self.mixed
        content.api.policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"}]}"#
        let stage = try F.compileOne(content)
        #expect(stage.routes.count == 5)
        #expect(stage.resourcePolicy == content.api.policy, "the policy filter compiles it per snapshot")
        for route in stage.routes {
            let authorizer = route.authorizationType == "CUSTOM" || route.authorizationType == "COGNITO_USER_POOLS"
            // Authorizer methods without an authorizer still fail closed (401), never with the policy's 403.
            #expect(route.refusal == (authorizer ? .authorizer : nil), "\(route.httpMethod) \(route.resourcePath)")
        }
    }

    @Test func aPrivateApiIsNeverServedEvenWithoutAPolicy() throws {
        // A deployment frozen before the admin API required a policy for PRIVATE APIs must not be
        // served on the public invoke URL either.
        var content = Self.mixed
        content.api.endpointConfiguration = EndpointConfiguration(types: ["PRIVATE"], ipAddressType: "dualstack")
        let stage = try F.compileOne(content)
        #expect(stage.routes.allSatisfy { $0.refusal == .resourcePolicy })
        #expect(AccessRefusal.compile(authorizationType: "NONE", resourcePolicy: nil, isPrivate: true) == .resourcePolicy)
    }

    @Test func validationAcceptsProtectedMethods() throws {
        // The control plane stores and deploys them; the data plane refuses their requests.
        var content = Self.mixed
        content.api.policy = "{}"
        try SnapshotCompiler.validate(content)
    }
}
