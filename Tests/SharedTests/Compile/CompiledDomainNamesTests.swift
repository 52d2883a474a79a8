import Testing
@testable import Shared

@Suite struct CompiledDomainNamesTests {
    static let domains = [
        SnapshotDomainName(domainName: "api.example.com", endpointType: "REGIONAL", securityPolicy: "TLS_1_2", mappings: [
            SnapshotBasePathMapping(basePath: "", restApiId: "rootapi", stage: "prod"),
            SnapshotBasePathMapping(basePath: "v1", restApiId: "v1api", stage: "live"),
            SnapshotBasePathMapping(basePath: "any", restApiId: "anyapi", stage: nil),
        ]),
        SnapshotDomainName(domainName: "named.example.com", endpointType: "EDGE", securityPolicy: "TLS_1_0", mappings: [
            SnapshotBasePathMapping(basePath: "orders", restApiId: "orders", stage: "prod"),
        ]),
    ]

    static func compiled() throws -> CompiledDomainNames { try CompiledDomainNames.compile(domains) }

    @Test(arguments: [
        ("api.example.com", "api.example.com"), ("API.Example.COM", "api.example.com"), ("api.example.com:8443", "api.example.com"),
        ("api.example.com.", "api.example.com"), ("named.example.com:80", "named.example.com"),
    ])
    func findsTheDomainByHostIgnoringCaseAndPort(host: String, name: String) throws {
        #expect(try Self.compiled().domain(forHost: host)?.domainName == name)
    }

    @Test(arguments: ["example.com", "api.example.com.evil", "abc.execute-api.localhost", "", ":443", "xapi.example.com"])
    func findsNoDomainForOtherHosts(host: String) throws {
        #expect(try Self.compiled().domain(forHost: host) == nil)
    }

    @Test(arguments: [
        ("/v1/pets/1", "v1", "/pets/1"), ("/v1", "v1", ""), ("/v1/", "v1", "/"),
        ("/v2/pets", "", "/v2/pets"), ("/", "", "/"), ("/V1/pets", "", "/V1/pets"), ("/v1x/pets", "", "/v1x/pets"),
        ("/any/dev/x", "any", "/dev/x"),
    ])
    func stripsTheMatchedBasePathAndFallsBackToNone(path: String, basePath: String, rest: String) throws {
        let match = try #require(try Self.compiled().domain(forHost: "api.example.com")?.match(path: Substring(path)))
        #expect(match.mapping.basePath == basePath)
        #expect(match.path == Substring(rest))
    }

    @Test func namesTheMappingsApiAndStage() throws {
        let domain = try #require(try Self.compiled().domain(forHost: "api.example.com"))
        #expect(domain.match(path: "/v1/x")?.mapping == CompiledBasePathMapping(basePath: "v1", restApiId: "v1api", stage: "live"))
        #expect(domain.match(path: "/x")?.mapping == CompiledBasePathMapping(basePath: "", restApiId: "rootapi", stage: "prod"))
        #expect(domain.match(path: "/any/x")?.mapping.stage == nil)
    }

    @Test func reportsNoneAsTheBasePathMatchedOfTheEmptyBasePath() throws {
        let domain = try #require(try Self.compiled().domain(forHost: "api.example.com"))
        #expect(domain.match(path: "/x")?.mapping.basePathMatched == "(none)")
        #expect(domain.match(path: "/v1/x")?.mapping.basePathMatched == "v1")
    }

    @Test(arguments: ["/", "/order", "/ordersx/1", "", "orders/1"])
    func matchesNothingWithoutANoneMapping(path: String) throws {
        #expect(try Self.compiled().domain(forHost: "named.example.com")?.match(path: Substring(path)) == nil)
    }

    @Test func keepsTheSecurityPolicyAndEndpointType() throws {
        let domain = try #require(try Self.compiled().domain(forHost: "named.example.com"))
        #expect(domain.securityPolicy == "TLS_1_0")
        #expect(domain.endpointType == "EDGE")
    }

    @Test func refusesAMultiLevelBasePath() {
        let domain = SnapshotDomainName(domainName: "a.example.com", endpointType: "REGIONAL", securityPolicy: "TLS_1_2",
                                        mappings: [SnapshotBasePathMapping(basePath: "v1/orders", restApiId: "a", stage: "p")])
        #expect(throws: CompileError.self) { try CompiledDomainNames.compile([domain]) }
    }

    @Test func refusesADomainNameGivenTwiceInAnyCase() {
        let one = SnapshotDomainName(domainName: "a.example.com", endpointType: "REGIONAL", securityPolicy: "TLS_1_2", mappings: [])
        var two = one
        two.domainName = "A.example.com"
        #expect(throws: CompileError.self) { try CompiledDomainNames.compile([one, two]) }
    }

    @Test func compilesTheSnapshotsDomainNames() throws {
        var snapshot = CompileFixtures.snapshot([])
        snapshot.domainNames = Self.domains
        let compiled = try SnapshotCompiler.compile(snapshot)
        #expect(compiled.domainNames.domain(forHost: "api.example.com")?.byBasePath.count == 2)
        snapshot.domainNames = nil
        #expect(try SnapshotCompiler.compile(snapshot).domainNames.isEmpty)
    }
}
