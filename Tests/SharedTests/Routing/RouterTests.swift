import Testing
@testable import Shared

/// A small API: routes are labelled "METHOD /resource/path" so tables read like the reference.
struct RouterFixture {
    let router: Router
    let labels: [String]

    init(_ resources: [(String, [String])]) throws {
        var builder = RouterBuilder()
        var labels: [String] = []
        for (path, methods) in resources {
            let parts = path.split(separator: "/").map { PathPart(parsing: String($0))! }
            try builder.addResource(path: parts)
            for method in methods {
                try builder.add(path: parts, method: method, route: labels.count)
                labels.append("\(method) \(path)")
            }
        }
        router = builder.build()
        self.labels = labels
    }

    func resolve(_ method: String, _ path: String) -> String? {
        router.match(method: method, path: path[...]).map { labels[$0.route] }
    }

    func parameters(_ method: String, _ path: String) -> [String]? {
        router.match(method: method, path: path[...]).map { $0.parameterValues.map(String.init) }
    }
}

@Suite struct RouterTests {
    static let petStore = try! RouterFixture([
        ("/", ["GET"]),
        ("/pets", ["GET", "POST"]),
        ("/pets/{petId}", ["GET", "DELETE"]),
        ("/pets/{petId}/toys", ["ANY"]),
        ("/pets/mine", ["GET"]),
        ("/files/{path+}", ["GET"]),
        ("/test", ["POST"]),
        ("/{proxy+}", ["OPTIONS"]),
        ("/anything", ["ANY", "GET"]),
    ])

    @Test(arguments: [
        ("GET", "/", "GET /"),
        ("GET", "", "GET /"),
        ("GET", "/pets", "GET /pets"),
        ("POST", "/pets", "POST /pets"),
        ("GET", "/pets/12", "GET /pets/{petId}"),
        ("GET", "/pets/mine", "GET /pets/mine"),                 // literal beats variable
        ("DELETE", "/pets/mine", "DELETE /pets/{petId}"),        // literal has no DELETE: back off to the variable
        ("PUT", "/pets/12/toys", "ANY /pets/{petId}/toys"),
        ("GET", "/files/a/b/c.txt", "GET /files/{path+}"),
        ("OPTIONS", "/test", "OPTIONS /{proxy+}"),              // method-aware fallback to the greedy root
        ("POST", "/test", "POST /test"),
        ("GET", "/anything", "GET /anything"),                   // exact verb beats ANY
        ("PATCH", "/anything", "ANY /anything"),
        ("HEAD", "/anything", "ANY /anything"),
        ("OPTIONS", "/pets/12/unknown", "OPTIONS /{proxy+}"),
        ("GET", "/pets/", "GET /pets"),                          // trailing slash ignored
        ("GET", "//pets", "GET /pets"),                          // leading double slash still routes
    ])
    func routesLikeAmazonAPIGateway(method: String, path: String, expected: String) {
        #expect(Self.petStore.resolve(method, path) == expected)
    }

    @Test(arguments: [
        ("HEAD", "/pets"),          // HEAD does not fall back to GET
        ("PUT", "/pets"),
        ("GET", "/files"),          // greedy never matches its own parent
        ("GET", "/files/"),
        ("GET", "/test"),           // /test has only POST; /{proxy+} has only OPTIONS
        ("PROPFIND", "/anything"),  // ANY covers the seven standard verbs only
        ("get", "/pets"),           // verbs are case-sensitive
        ("GET", "/Pets"),           // paths are case-sensitive
    ])
    func answersNoRouteWhenNothingMatches(method: String, path: String) {
        #expect(Self.petStore.resolve(method, path) == nil)
    }

    @Test func greedyRootDoesNotMatchRoot() throws {
        let fixture = try RouterFixture([("/{proxy+}", ["ANY"])])
        #expect(fixture.resolve("GET", "/") == nil)
        #expect(fixture.resolve("GET", "") == nil)
        #expect(fixture.resolve("GET", "/x") == "ANY /{proxy+}")
    }

    @Test func backtracksOutOfALiteralBranchIntoASiblingGreedy() throws {
        // AWS-validated: /part1 (static, child hardcoded-value) + /{param+}; GET /part1/random-value → /{param+}
        let fixture = try RouterFixture([
            ("/part1", ["GET"]),
            ("/part1/hardcoded-value", ["GET"]),
            ("/{param+}", ["GET"]),
        ])
        #expect(fixture.resolve("GET", "/part1/random-value") == "GET /{param+}")
        #expect(fixture.parameters("GET", "/part1/random-value") == ["part1/random-value"])
        #expect(fixture.resolve("GET", "/part1/hardcoded-value") == "GET /part1/hardcoded-value")
        #expect(fixture.resolve("GET", "/part1") == "GET /part1")
    }

    @Test func backtracksOutOfAVariableBranch() throws {
        let fixture = try RouterFixture([
            ("/a/{id}/b", ["GET"]),
            ("/{rest+}", ["GET"]),
        ])
        #expect(fixture.resolve("GET", "/a/1/b") == "GET /a/{id}/b")
        #expect(fixture.parameters("GET", "/a/1/b") == ["1"])
        #expect(fixture.resolve("GET", "/a/1/c") == "GET /{rest+}")
        #expect(fixture.parameters("GET", "/a/1/c") == ["a/1/c"])   // the abandoned {id} capture is dropped
    }

    @Test func capturesParametersInPathOrderStillEncoded() throws {
        let fixture = try RouterFixture([("/users/{user}/items/{item}", ["GET"])])
        #expect(fixture.parameters("GET", "/users/test%2Balias@gmail.com/items/a%20b") == ["test%2Balias@gmail.com", "a%20b"])
    }

    @Test func greedyKeepsInnerDoubleSlashesButNotTrailingOnes() throws {
        let fixture = try RouterFixture([("/{proxy+}", ["ANY"])])
        #expect(fixture.parameters("GET", "/proxy-value//double-slash") == ["proxy-value//double-slash"])
        #expect(fixture.parameters("GET", "/proxy-value/") == ["proxy-value"])
        #expect(fixture.parameters("GET", "//hardcoded") == ["hardcoded"])
    }

    @Test func variableDoesNotMatchAnEmptySegment() throws {
        let fixture = try RouterFixture([("/a/{id}/b", ["GET"])])
        #expect(fixture.resolve("GET", "/a//b") == nil)
    }

    @Test func literalSegmentsMatchAfterPercentDecoding() throws {
        let fixture = try RouterFixture([("/caf\u{e9}", ["GET"]), ("/a:b", ["GET"])])
        #expect(fixture.resolve("GET", "/caf%C3%A9") == "GET /caf\u{e9}")
        #expect(fixture.resolve("GET", "/a%3Ab") == "GET /a:b")
        #expect(fixture.resolve("GET", "/a:b") == "GET /a:b")
    }

    @Test func manyLiteralSiblingsUseBinarySearch() throws {
        let resources = (0..<200).map { ("/r\($0)", ["GET"]) }
        let fixture = try RouterFixture(resources)
        for i in stride(from: 0, to: 200, by: 7) {
            #expect(fixture.resolve("GET", "/r\(i)") == "GET /r\(i)")
        }
        #expect(fixture.resolve("GET", "/r200") == nil)
        #expect(fixture.resolve("GET", "/r") == nil)
    }

    @Test func rejectsChildrenOfAGreedyPart() {
        var builder = RouterBuilder()
        #expect(throws: RouteTreeError.childOfGreedy(parent: "{proxy+}")) {
            try builder.addResource(path: [.greedy("proxy"), .literal("x")])
        }
    }

    @Test func rejectsTwoDifferentVariableSiblings() throws {
        var builder = RouterBuilder()
        try builder.addResource(path: [.variable("id")])
        #expect(throws: RouteTreeError.conflictingVariableSibling(existing: "{id}", new: "{proxy+}")) {
            try builder.addResource(path: [.greedy("proxy")])
        }
        #expect(throws: RouteTreeError.conflictingVariableSibling(existing: "{id}", new: "{name}")) {
            try builder.addResource(path: [.variable("name")])
        }
    }

    @Test func rejectsTheSameVerbTwiceOnOnePath() throws {
        var builder = RouterBuilder()
        try builder.add(path: [.literal("a")], method: "GET", route: 0)
        #expect(throws: RouteTreeError.duplicateMethod(path: "/a", method: "GET")) {
            try builder.add(path: [.literal("a")], method: "GET", route: 1)
        }
    }
}
