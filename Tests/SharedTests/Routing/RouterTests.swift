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

    /// Literal against `{var}` at depths 1–4, where the variable branch would also match (often with a
    /// more specific deeper resource), with verbs that force backtracking into the variable branch.
    static let literalOverVariable = try! RouterFixture([
        ("/users", ["GET"]),
        ("/users/me", ["GET", "PUT"]),
        ("/users/me/posts", ["POST"]),
        ("/users/{id}", ["ANY"]),
        ("/users/{id}/posts", ["GET"]),
        ("/users/{id}/posts/latest", ["GET"]),
        ("/users/{id}/posts/{postId}", ["GET", "DELETE"]),
        ("/static", ["GET"]),
        ("/static/{file+}", ["GET"]),
        ("/{section}", ["GET"]),
        ("/{section}/info", ["GET"]),
    ])

    @Test(arguments: [
        ("GET", "/users", "GET /users"),                                    // depth 1: literal over root {section}
        ("GET", "/static", "GET /static"),
        ("GET", "/other", "GET /{section}"),
        ("GET", "/users/me", "GET /users/me"),                              // depth 2
        ("PUT", "/users/me", "PUT /users/me"),
        ("PATCH", "/users/me", "ANY /users/{id}"),                          // literal lacks the verb: back off to {id}
        ("GET", "/users/7", "ANY /users/{id}"),
        ("GET", "/users/info", "ANY /users/{id}"),                          // literal users wins over /{section}/info
        ("GET", "/static/info", "GET /static/{file+}"),                     // literal static (greedy below) over /{section}/info
        ("GET", "/other/info", "GET /{section}/info"),
        ("POST", "/users/me/posts", "POST /users/me/posts"),                // depth 3
        ("GET", "/users/me/posts", "GET /users/{id}/posts"),                // backtrack one level up into {id}
        ("GET", "/users/7/posts/latest", "GET /users/{id}/posts/latest"),   // depth 4
        ("GET", "/users/me/posts/latest", "GET /users/{id}/posts/latest"),  // literal me has no such child: {id}
        ("DELETE", "/users/7/posts/latest", "DELETE /users/{id}/posts/{postId}"), // backtrack at depth 4
        ("GET", "/users/7/posts/9", "GET /users/{id}/posts/{postId}"),
    ])
    func literalBeatsVariableAtEveryDepth(method: String, path: String, expected: String) {
        #expect(Self.literalOverVariable.resolve(method, path) == expected)
    }

    /// Literal against `{var+}` at the root and at depth 3, with backtracking out of literal branches
    /// into the nearest greedy sibling, or up to the root greedy.
    static let literalOverGreedy = try! RouterFixture([
        ("/{proxy+}", ["ANY"]),
        ("/health", ["GET"]),
        ("/api", []),
        ("/api/v1", ["GET"]),
        ("/api/v1/items", ["GET"]),
        ("/api/v1/{rest+}", ["POST"]),
    ])

    @Test(arguments: [
        ("GET", "/health", "GET /health"),                       // literal over the root greedy
        ("POST", "/health", "ANY /{proxy+}"),                    // literal lacks the verb: the greedy takes it
        ("GET", "/api", "ANY /{proxy+}"),                        // a literal without methods never wins
        ("GET", "/api/v1", "GET /api/v1"),
        ("GET", "/api/v1/items", "GET /api/v1/items"),           // depth 3: literal over its greedy sibling
        ("POST", "/api/v1/items", "POST /api/v1/{rest+}"),       // backtrack into the sibling greedy
        ("PUT", "/api/v1/items", "ANY /{proxy+}"),               // …or two levels up to the root greedy
        ("POST", "/api/v1/x/y", "POST /api/v1/{rest+}"),
        ("GET", "/api/v1/x/y", "ANY /{proxy+}"),
    ])
    func literalBeatsGreedyAndBacktracks(method: String, path: String, expected: String) {
        #expect(Self.literalOverGreedy.resolve(method, path) == expected)
    }

    @Test func parametersComeFromTheBranchThatWon() {
        #expect(Self.literalOverVariable.parameters("GET", "/users/me/posts") == ["me"])
        #expect(Self.literalOverVariable.parameters("GET", "/users/me") == [])
        #expect(Self.literalOverGreedy.parameters("POST", "/api/v1/items") == ["items"])
        #expect(Self.literalOverGreedy.parameters("PUT", "/api/v1/items") == ["api/v1/items"])
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
