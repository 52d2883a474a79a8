import Testing
@testable import DataPlane
@testable import Shared

/// `AWS_IAM` methods and resource policies through the real pipeline and its default chain: SigV4
/// verified against the snapshot's sealed IAM keys, identity and resource policies combined by
/// AWS's table, AWS's exact refusals, and the integration never called when refused.
@Suite struct PolicyAuthorizationFilterTests {
    typealias F = PipelineFixtures

    static let clusterSecret = "cluster-secret-for-tests"
    static let region = "us-east-1"
    static let account = "123456789012"
    static let key = SigV4Credentials(accessKeyId: "AKIAALLOWEDUSER00001", secretAccessKey: "secret-of-the-allowed-user-0123456789abc")
    static let otherKey = SigV4Credentials(accessKeyId: "AKIAINACTIVEUSER0001", secretAccessKey: "secret-of-the-inactive-key-0123456789ab")
    static let userArn = "arn:aws:iam::123456789012:user/alice"
    static var seconds: Int64 { F.now / 1000 }

    static func method(_ verb: String, _ authorization: String) -> Method {
        Method(httpMethod: verb, authorizationType: authorization, methodResponses: ["200": MethodResponse(statusCode: "200")],
               methodIntegration: F.proxyIntegration("http://backend:8080/x"))
    }

    static let allowGets = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:us-east-1:*:*/*/GET/*"}]}"#
    static let denyAdmin = #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"execute-api:*","Resource":"arn:aws:execute-api:*:*:*/prod/GET/admin"}]}"#

    /// One API (`abc123defg`, stage prod): IAM methods `/items`, `/admin`, `POST /items`, an open `/open`.
    static func snapshot(policy: String? = nil, userPolicies: [String] = [allowGets, denyAdmin],
                         seal: SecretSeal = SecretSeal(clusterSecret: clusterSecret)) throws -> CompiledSnapshot {
        var content = F.content([
            ("/items", ["GET": method("GET", "AWS_IAM"), "POST": method("POST", "AWS_IAM")]),
            ("/admin", ["GET": method("GET", "AWS_IAM")]),
            ("/open", ["GET": method("GET", "NONE")]),
        ])
        content.api.policy = policy
        let stage = Stage(deploymentId: "dep123", stageName: "prod", createdDate: 0, lastUpdatedDate: 0)
        let iam = SnapshotIAM(users: [SnapshotIAMUser(
            arn: userArn, userName: "alice", userId: "AIDAALICE00000000000", accessKeys: [
                SnapshotIAMAccessKey(accessKeyId: key.accessKeyId, active: true, sealedSecret: seal.seal(key.secretAccessKey, context: key.accessKeyId)),
                SnapshotIAMAccessKey(accessKeyId: otherKey.accessKeyId, active: false,
                                     sealedSecret: seal.seal(otherKey.secretAccessKey, context: otherKey.accessKeyId)),
            ], policies: userPolicies)])
        return try SnapshotCompiler.compile(Snapshot(revision: 1, stages: [SnapshotStage(restApiId: F.apiId, stage: stage, deployment: content)],
                                                     apiKeys: [], usagePlans: [], account: Account(), nodes: [], iam: iam))
    }

    static func run(_ request: HTTPRequest, _ snapshot: CompiledSnapshot, invoker: RecordingInvoker = RecordingInvoker(),
                    trustedProxies: [IPAddressRange] = [], connection: ClientConnection = F.connection) -> HTTPResponse {
        let configuration = PipelineConfiguration(accountId: account, region: region, secretSeal: SecretSeal(clusterSecret: clusterSecret),
                                                  trustedProxies: trustedProxies)
        let pipeline = RequestPipeline(configuration: configuration, invoker: invoker, identifierSource: FixedIdentifiers(), clock: { F.now })
        let box = ResponseBox()
        pipeline.handle(request, connection: connection, snapshot: snapshot, chains: pipeline.chains(for: snapshot)) { box.put($0) }
        return box.responses.first ?? HTTPResponse(status: 0)
    }

    static func signed(_ verb: String, _ target: String, as credentials: SigV4Credentials = key, at time: Int64 = seconds,
                       headers: [(String, String)] = [], body: [UInt8] = [], region: String = region) -> HTTPRequest {
        SigV4Signer(credentials: credentials, region: region, service: "execute-api")
            .sign(F.request(verb, target, headers: headers, body: body), at: time)
    }

    static func text(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    static func denial(_ caller: String, _ verb: String, _ path: String, explicit: Bool) -> String {
        #"{"Message":"User: "# + caller + " is not authorized to perform: execute-api:Invoke on resource: "
            + "arn:aws:execute-api:us-east-1:********9012:abc123defg/prod/\(verb)/\(path)" + (explicit ? " with an explicit deny" : "") + #""}"#
    }

    // MARK: - SigV4

    @Test func aSignedCallAllowedByTheUsersPoliciesReachesTheIntegrationWithItsIdentity() throws {
        let invoker = RecordingInvoker()
        let response = Self.run(Self.signed("GET", "/prod/items"), try Self.snapshot(), invoker: invoker)
        #expect(response.status == 200, "\(Self.text(response))")
        #expect(invoker.requests.count == 1)
    }

    @Test func thePresignedQueryFormIsAcceptedToo() throws {
        let request = SigV4Signer(credentials: Self.key, region: Self.region, service: "execute-api")
            .presign(F.request("GET", "/prod/items?color=red"), at: Self.seconds, expires: 300)
        #expect(Self.run(request, try Self.snapshot()).status == 200)
    }

    @Test(arguments: [
        ("GET", "/prod/admin", "admin", true),    // the attached Deny wins over the Allow
        ("POST", "/prod/items", "items", false),  // nothing allows POST: implicit deny
    ])
    func identityPoliciesRefuseWithAwsMessage(verb: String, target: String, path: String, explicit: Bool) throws {
        let invoker = RecordingInvoker()
        let response = Self.run(Self.signed(verb, target), try Self.snapshot(), invoker: invoker)
        #expect(response.status == 403)
        #expect(Self.text(response) == Self.denial(Self.userArn, verb, path, explicit: explicit))
        #expect(response.headers["x-amzn-ErrorType"] == "AccessDeniedException")
        #expect(invoker.requests.isEmpty)
    }

    /// The route's policy filter (if it has one) run on `request` alone, for what it leaves in the invocation.
    static func steps(_ request: HTTPRequest, _ snapshot: CompiledSnapshot) throws -> (PhaseOutcome, AuthStepRecord) {
        let configuration = PipelineConfiguration(accountId: account, region: region, secretSeal: SecretSeal(clusterSecret: clusterSecret))
        let pipeline = RequestPipeline(configuration: configuration, invoker: RecordingInvoker(), identifierSource: FixedIdentifiers(), clock: { F.now })
        var invocation = try F.invocation(snapshot, request)
        let chain = try #require(pipeline.chains(for: snapshot).chain(for: invocation.route))
        // A route that needs no policy step carries no filter: nothing runs.
        let outcome = chain.requestFilters.first { $0.name == "policyAuthorization" }?.onRequest(&invocation) ?? .proceed
        return (outcome, invocation.authSteps)
    }

    @Test func authenticationAndAuthorizationStepsAreRecordedForTheAccessLog() throws {
        let snapshot = try Self.snapshot()
        let (allowed, allowedSteps) = try Self.steps(Self.signed("GET", "/prod/items"), snapshot)
        guard case .proceed = allowed else { Issue.record("allowed call refused"); return }
        #expect(allowedSteps.authenticate.status == 200 && allowedSteps.authorize.status == 200 && !allowedSteps.authorizer.ran)
        let (_, deniedSteps) = try Self.steps(Self.signed("GET", "/prod/admin"), snapshot)
        #expect(deniedSteps.authenticate.status == 200 && deniedSteps.authorize.status == 403, "signed, then denied by its policy")
        let (_, unknownSteps) = try Self.steps(Self.signed("GET", "/prod/items", as: SigV4Credentials(accessKeyId: "AKIANOBODY0000000000",
                                                                                                    secretAccessKey: "x")), snapshot)
        #expect(unknownSteps.authenticate.status == 403 && !unknownSteps.authorize.ran, "refused before any policy")
        let (_, openSteps) = try Self.steps(F.request("GET", "/prod/open"), snapshot)
        #expect(!openSteps.authenticate.ran && !openSteps.authorize.ran, "no signature, no resource policy: nothing ran")
        let (_, policedSteps) = try Self.steps(F.request("GET", "/prod/open"), try Self.snapshot(policy: Self.allowGets.replacingOccurrences(
            of: #""Effect":"Allow","#, with: #""Effect":"Allow","Principal":"*","#)))
        #expect(!policedSteps.authenticate.ran && policedSteps.authorize.status == 200, "a NONE method's resource policy is an authorization step")
    }

    @Test func signatureFailuresAnswerAwsMessages() throws {
        let snapshot = try Self.snapshot()
        let unsigned = Self.run(F.request("GET", "/prod/items"), snapshot)
        #expect(unsigned.status == 403 && Self.text(unsigned) == #"{"message":"Missing Authentication Token"}"#)
        #expect(unsigned.headers["x-amzn-ErrorType"] == "MissingAuthenticationTokenException")

        let wrongSecret = SigV4Credentials(accessKeyId: Self.key.accessKeyId, secretAccessKey: "not-the-secret")
        let mismatch = Self.run(Self.signed("GET", "/prod/items", as: wrongSecret), snapshot)
        #expect(mismatch.status == 403 && Self.text(mismatch) == #"{"message":""# + SigV4Error.signatureMismatchMessage + #""}"#)
        #expect(mismatch.headers["x-amzn-ErrorType"] == "InvalidSignatureException")

        let invalidToken = #"{"message":"The security token included in the request is invalid."}"#
        let unknown = SigV4Credentials(accessKeyId: "AKIAUNKNOWN000000000", secretAccessKey: "x")
        #expect(Self.text(Self.run(Self.signed("GET", "/prod/items", as: unknown), snapshot)) == invalidToken)
        #expect(Self.text(Self.run(Self.signed("GET", "/prod/items", as: Self.otherKey), snapshot)) == invalidToken, "an Inactive key")
        let withToken = SigV4Credentials(accessKeyId: Self.key.accessKeyId, secretAccessKey: Self.key.secretAccessKey, sessionToken: "tok")
        #expect(Self.text(Self.run(Self.signed("GET", "/prod/items", as: withToken), snapshot)) == invalidToken,
                "Tollgate issues no session tokens")
    }

    @Test func aSignatureOutsideTheFiveMinuteSkewHasExpired() throws {
        let response = Self.run(Self.signed("GET", "/prod/items", at: Self.seconds - 301), try Self.snapshot())
        #expect(response.status == 403)
        #expect(Self.text(response).hasPrefix(#"{"message":"Signature expired: "#))
        #expect(Self.run(Self.signed("GET", "/prod/items", at: Self.seconds - 299), try Self.snapshot()).status == 200)
    }

    @Test func theCredentialScopeMustNameTheNodesRegion() throws {
        let response = Self.run(Self.signed("GET", "/prod/items", region: "eu-west-1"), try Self.snapshot())
        #expect(response.status == 403)
        #expect(Self.text(response).contains("Credential should be scoped to a valid region"))
    }

    @Test func aSealOpenedUnderAnotherClusterSecretIsAnUnknownKey() throws {
        let snapshot = try Self.snapshot(seal: SecretSeal(clusterSecret: "some other cluster"))
        #expect(Self.text(Self.run(Self.signed("GET", "/prod/items"), snapshot))
            == #"{"message":"The security token included in the request is invalid."}"#)
    }

    @Test func payloadHashesAreCheckedUnlessDeclaredUnsigned() throws {
        let snapshot = try Self.snapshot(userPolicies: [#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"*"}]}"#])
        let body = Array("hello".utf8)
        #expect(Self.run(Self.signed("POST", "/prod/items", headers: [("X-Amz-Content-Sha256", Digest.sha256Hex(body))], body: body), snapshot).status == 200)
        let lying = Self.signed("POST", "/prod/items", headers: [("X-Amz-Content-Sha256", Digest.sha256Hex(Array("other".utf8)))], body: body)
        #expect(Self.run(lying, snapshot).status == 403)
        let unsigned = Self.signed("POST", "/prod/items", headers: [("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")], body: body)
        #expect(Self.run(unsigned, snapshot).status == 200)
        // Without the header, the body's hash is what was signed: a changed body breaks the signature.
        var tampered = Self.signed("POST", "/prod/items", body: body)
        tampered.body = Array("HELLO".utf8)
        #expect(Self.run(tampered, snapshot).status == 403)
    }

    @Test func anUnreadableIdentityPolicyCountsAsAnExplicitDeny() throws {
        let snapshot = try Self.snapshot(userPolicies: [Self.allowGets, "{not json"])
        let response = Self.run(Self.signed("GET", "/prod/items"), snapshot)
        #expect(Self.text(response) == Self.denial(Self.userArn, "GET", "items", explicit: true))
    }

    // MARK: - Resource policies

    static let denyLocal = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"},{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}"#

    @Test func aResourcePolicyDeniesBySourceAddressForEveryCaller() throws {
        let snapshot = try Self.snapshot(policy: Self.denyLocal)
        let anonymous = Self.run(F.request("GET", "/prod/open"), snapshot)
        #expect(Self.text(anonymous) == Self.denial("anonymous", "GET", "open", explicit: true))
        // The resource policy's Deny wins over the IAM user's Allow (same account, Table A).
        let iam = Self.run(Self.signed("GET", "/prod/items"), snapshot)
        #expect(Self.text(iam) == Self.denial(Self.userArn, "GET", "items", explicit: true))
        let elsewhere = ClientConnection(remoteAddress: "198.51.100.1", localPort: 8080)
        #expect(Self.run(F.request("GET", "/prod/open"), snapshot, connection: elsewhere).status == 200)
    }

    @Test func aSameAccountResourcePolicyAllowLetsAUserWithoutIdentityPoliciesIn() throws {
        let allowUser = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/alice"},"Action":"execute-api:Invoke","Resource":"execute-api:/prod/POST/items"}]}"#
        let snapshot = try Self.snapshot(policy: allowUser, userPolicies: [])
        #expect(Self.run(Self.signed("POST", "/prod/items"), snapshot).status == 200)
        #expect(Self.text(Self.run(Self.signed("GET", "/prod/items"), snapshot)) == Self.denial(Self.userArn, "GET", "items", explicit: false))
        // Only an anonymous caller on a NONE method: the policy names alice, not anonymous.
        #expect(Self.text(Self.run(F.request("GET", "/prod/open"), snapshot)) == Self.denial("anonymous", "GET", "open", explicit: false))
    }

    @Test func anUnreadableResourcePolicyRefusesEverything() throws {
        let snapshot = try Self.snapshot(policy: #"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"not-an-arn"}]}"#)
        #expect(Self.run(F.request("GET", "/prod/open"), snapshot).status == 403)
        #expect(Self.run(Self.signed("GET", "/prod/items"), snapshot).status == 403)
    }

    @Test func xForwardedForCountsOnlyFromATrustedProxy() throws {
        let snapshot = try Self.snapshot(policy: Self.denyLocal)
        let proxy = ClientConnection(remoteAddress: "10.0.0.5", localPort: 8080)
        let forwardedFromDenied = F.request("GET", "/prod/open", headers: [("X-Forwarded-For", "203.0.113.9")])
        let trusted = [try #require(IPAddressRange(Array("10.0.0.0/8".utf8)))]
        #expect(Self.run(forwardedFromDenied, snapshot, connection: proxy).status == 200, "untrusted: the socket's peer counts")
        #expect(Self.run(forwardedFromDenied, snapshot, trustedProxies: trusted, connection: proxy).status == 403)
        // A client that writes its own header in front of the proxy's entry gains nothing.
        let spoofed = F.request("GET", "/prod/open", headers: [("X-Forwarded-For", "198.51.100.1, 203.0.113.9")])
        #expect(Self.run(spoofed, snapshot, trustedProxies: trusted, connection: proxy).status == 403)
    }
}
