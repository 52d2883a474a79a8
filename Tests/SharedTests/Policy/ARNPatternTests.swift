import Testing
@testable import Shared

@Suite struct ARNPatternTests {
    static let method = "arn:aws:execute-api:us-east-1:123456789012:a1b2c3/prod/GET/pets/dog/1"

    static func covers(_ pattern: String, _ arn: String = method, context: PolicyContext = PolicyContext()) -> Bool {
        ARNPattern(pattern, variables: true).matches(Array(arn.utf8)[...], context: context)
    }

    /// The resource expressions of "Control access for invoking an API" (API Gateway developer guide).
    @Test(arguments: [
        ("*", true),
        ("arn:aws:execute-api:*:*:*", true),
        ("arn:aws:execute-api:us-east-1:*:*", true),
        ("arn:aws:execute-api:us-east-1:*:a1b2c3/*", true),
        ("arn:aws:execute-api:us-east-1:*:a1b2c3/prod/*", true),
        ("arn:aws:execute-api:us-east-1:*:a1b2c3/prod/*/pets/*", true),
        ("arn:aws:execute-api:us-east-1:*:a1b2c3/prod/GET/pets/*", true),
        ("arn:aws:execute-api:us-east-1:*:a1b2c3/prod/POST/pets/*", false),
        ("arn:aws:execute-api:us-east-1:*:a1b2c3/test/*", false),
        ("arn:aws:execute-api:*:*:*/prod/*", true),
        ("arn:aws:execute-api:us-west-2:*:*", false),
        ("arn:aws:execute-api:us-east-1:123456789012:a1b2c3/prod/GET/pets/dog/1", true),
        ("arn:aws:execute-api:us-east-1:123456789012:a1b2c3/prod/GET/pets/dog", false),
        ("arn:aws:execute-api:us-east-1:123456789012:a1b2c3/prod/GET/pets/dog/?", true),
        ("arn:aws:execute-api:us-east-1:123456789012:a1b2c3/prod/GET/pets/???/1", true),
        ("arn:aws:execute-api:us-east-1:1234567890??:a1b2c3/*", true),
        ("arn:aws:execute-api:us-east-?:*:a1b2c3/*", true),
        ("arn:aws:execute-api:us-*:*:a1b2c3/*", true),
        // Case-sensitive, the verb included.
        ("arn:aws:execute-api:us-east-1:*:a1b2c3/prod/get/*", false),
        ("arn:aws:execute-api:us-east-1:*:A1B2C3/*", false),
    ])
    func matchesApiGatewayResourceExpressions(pattern: String, expected: Bool) {
        #expect(Self.covers(pattern) == expected, "\(pattern)")
    }

    /// A `*` in a segment before the resource does not cross a colon; a trailing one does.
    @Test func wildcardsStayInsideTheirSegmentUnlessTheyEndThePattern() {
        // `us-*` may not swallow `:123456789012`: the region segment is only `us-east-1`.
        #expect(!Self.covers("arn:aws:execute-api:us-*:a1b2c3/*"))
        // A trailing `*` in the region position spans region, account and resource.
        #expect(Self.covers("arn:aws:execute-api:*"))
        #expect(Self.covers("arn:aws:*"))
        #expect(!Self.covers("arn:aws:lambda:*"))
        // A pattern with fewer segments that does not end in `*` matches nothing.
        #expect(!Self.covers("arn:aws:execute-api:us-east-1"))
    }

    @Test func theResourceSegmentCrossesSlashesAndColons() {
        let arn = "arn:aws:execute-api:us-east-1:123456789012:a1b2c3/prod/GET/a:b/c"
        #expect(Self.covers("arn:aws:execute-api:us-east-1:123456789012:a1b2c3/*", arn))
        #expect(Self.covers("arn:aws:execute-api:us-east-1:123456789012:*/c", arn))
        #expect(Self.covers("arn:aws:execute-api:us-east-1:123456789012:a1b2c3/prod/GET/a:b/c", arn))
    }

    @Test func theRootResourceEndsInASlash() {
        let root = "arn:aws:execute-api:us-east-1:123456789012:a1b2c3/prod/GET/"
        #expect(Self.covers("arn:aws:execute-api:us-east-1:123456789012:a1b2c3/prod/GET/", root))
        #expect(Self.covers("arn:aws:execute-api:us-east-1:123456789012:a1b2c3/prod/GET/*", root))
        #expect(!Self.covers("arn:aws:execute-api:us-east-1:123456789012:a1b2c3/prod/GET/?*", root))
        #expect(!Self.covers("arn:aws:execute-api:us-east-1:123456789012:a1b2c3/prod/GET", root))
    }

    @Test func malformedARNsAreNeverCovered() {
        for arn in ["", "arn", "arn:aws", "not-an-arn", "arn:aws:execute-api:us-east-1"] {
            #expect(!Self.covers("arn:aws:execute-api:us-east-1:*:a1b2c3/*", arn), "\(arn)")
            #expect(Self.covers("*", arn))
        }
    }

    @Test func variablesResolveInsideTheResource() {
        let context = PolicyContext(["aws:username": "dog"])
        #expect(Self.covers("arn:aws:execute-api:us-east-1:*:a1b2c3/prod/GET/pets/${aws:username}/*", context: context))
        #expect(!Self.covers("arn:aws:execute-api:us-east-1:*:a1b2c3/prod/GET/pets/${aws:username}/*"))
    }

    @Test(arguments: [("*", true), ("arn:aws:execute-api:r:1:a/*", true), ("arn:aws:s3:::bucket", true), ("arn:aws:execute-api:*", true),
                      ("arn:aws:execute-api:r:1", true), ("arn:aws::*", false), ("arn:aws:s3::*", false), ("execute-api:/*", false),
                      ("bucket", false), ("arn:aws::r:1:x", false), ("arn", false)])
    func checksTheShapeOfResources(text: String, wellFormed: Bool) {
        #expect(ARNPattern.isWellFormed(text) == wellFormed)
    }
}
