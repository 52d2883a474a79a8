import Testing
@testable import Shared

@Suite struct PolicyConditionTests {
    /// Whether `{"<op>": {"<key>": <values>}}` holds for `context` (values as JSON).
    static func holds(_ op: String, _ key: String, _ valuesJSON: String, _ context: PolicyContext) throws -> Bool {
        let document = #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{""#
            + op + #"":{""# + key + #"":"# + valuesJSON + "}}}}"
        let policy = try PolicyCompiler.compile(Array(document.utf8), kind: .identity)
        let request = PolicyRequest(principal: .anonymous, action: "execute-api:Invoke", resource: "arn:aws:execute-api:r:1:a/s/GET/", context: context)
        return policy.evaluate(request) == .allow
    }

    static func ctx(_ values: [String: String]) -> PolicyContext { PolicyContext(values) }
    static let none = PolicyContext()

    /// Each row: operator, key, policy values, request context, expected result.
    @Test(arguments: [
        // Strings: exact, case-sensitive; several values OR'ed; negation NOR's them.
        ("StringEquals", "aws:SourceVpce", #""vpce-1a2b3c4d""#, ["aws:SourceVpce": "vpce-1a2b3c4d"], true),
        ("StringEquals", "aws:SourceVpce", #""vpce-1a2b3c4d""#, ["aws:SourceVpce": "VPCE-1A2B3C4D"], false),
        ("StringEquals", "aws:SourceVpce", #"["vpce-1", "vpce-2"]"#, ["aws:SourceVpce": "vpce-2"], true),
        ("StringEquals", "aws:SourceVpce", #""vpce-*""#, ["aws:SourceVpce": "vpce-1"], false),
        ("StringNotEquals", "aws:SourceVpce", #""vpce-1a2b3c4d""#, ["aws:SourceVpce": "vpce-other"], true),
        ("StringNotEquals", "aws:SourceVpce", #"["vpce-1", "vpce-2"]"#, ["aws:SourceVpce": "vpce-2"], false),
        ("StringEqualsIgnoreCase", "aws:UserAgent", #""Curl/8.0""#, ["aws:UserAgent": "curl/8.0"], true),
        ("StringNotEqualsIgnoreCase", "aws:UserAgent", #""Curl/8.0""#, ["aws:UserAgent": "CURL/8.0"], false),
        ("StringLike", "aws:Referer", #""https://*.example.com/*""#, ["aws:Referer": "https://www.example.com/page"], true),
        ("StringLike", "aws:Referer", #""https://*.example.com/*""#, ["aws:Referer": "https://example.org/"], false),
        ("StringLike", "aws:UserAgent", #""curl/?.?""#, ["aws:UserAgent": "curl/8.0"], true),
        ("StringNotLike", "aws:UserAgent", #""*bot*""#, ["aws:UserAgent": "Mozilla"], true),
        ("StringNotLike", "aws:UserAgent", #""*bot*""#, ["aws:UserAgent": "a-bot-b"], false),
        // Keys are case-insensitive.
        ("StringEquals", "AWS:SOURCEVPCE", #""v""#, ["aws:sourcevpce": "v"], true),
        // Numbers.
        ("NumericEquals", "n", "10", ["n": "10.0"], true),
        ("NumericNotEquals", "n", "10", ["n": "11"], true),
        ("NumericLessThan", "n", "10", ["n": "9.5"], true),
        ("NumericLessThan", "n", "10", ["n": "10"], false),
        ("NumericLessThanEquals", "n", #""10""#, ["n": "10"], true),
        ("NumericGreaterThan", "n", "10", ["n": "11"], true),
        ("NumericGreaterThanEquals", "n", "10", ["n": "9"], false),
        ("NumericEquals", "n", "10", ["n": "ten"], false),
        // Dates: ISO 8601 and epoch seconds on both sides.
        ("DateGreaterThan", "aws:CurrentTime", #""2026-01-01T00:00:00Z""#, ["aws:CurrentTime": "2026-12-02T01:51:41Z"], true),
        ("DateLessThan", "aws:CurrentTime", #""2026-01-01T00:00:00Z""#, ["aws:CurrentTime": "2026-12-02T01:51:41Z"], false),
        ("DateLessThan", "aws:CurrentTime", #""2027-01-01""#, ["aws:CurrentTime": "2026-12-02T01:51:41Z"], true),
        ("DateEquals", "aws:CurrentTime", #""2026-12-02T02:51:41+01:00""#, ["aws:CurrentTime": "2026-12-02T01:51:41Z"], true),
        ("DateNotEquals", "aws:CurrentTime", #""2026-12-02T01:51:41Z""#, ["aws:CurrentTime": "2026-12-02T01:51:41Z"], false),
        ("DateGreaterThanEquals", "aws:EpochTime", "1796175101", ["aws:EpochTime": "1796175101"], true),
        ("DateLessThanEquals", "aws:CurrentTime", "1796175100", ["aws:CurrentTime": "2026-12-02T01:51:41Z"], false),
        ("DateGreaterThan", "aws:CurrentTime", #""2026-12-02T01:51:41Z""#, ["aws:CurrentTime": "2026-12-02T01:51:41.5Z"], true),
        // Booleans, as JSON booleans or strings.
        ("Bool", "aws:SecureTransport", "true", ["aws:SecureTransport": "true"], true),
        ("Bool", "aws:SecureTransport", #""true""#, ["aws:SecureTransport": "false"], false),
        ("Bool", "aws:SecureTransport", #""false""#, ["aws:SecureTransport": "FALSE"], true),
        // Binary: base64 text compared exactly.
        ("BinaryEquals", "k", #""QmluYXJ5""#, ["k": "QmluYXJ5"], true),
        ("BinaryEquals", "k", #""QmluYXJ5""#, ["k": "qmluyxj5"], false),
        // IP addresses, IPv4 and IPv6 CIDR.
        ("IpAddress", "aws:SourceIp", #"["192.0.2.0/24", "198.51.100.0/24"]"#, ["aws:SourceIp": "198.51.100.7"], true),
        ("IpAddress", "aws:SourceIp", #"["192.0.2.0/24", "198.51.100.0/24"]"#, ["aws:SourceIp": "203.0.113.1"], false),
        ("IpAddress", "aws:SourceIp", #""203.0.113.5""#, ["aws:SourceIp": "203.0.113.5"], true),
        ("IpAddress", "aws:SourceIp", #""2001:DB8:1234:5678::/64""#, ["aws:SourceIp": "2001:db8:1234:5678:abcd::1"], true),
        ("IpAddress", "aws:SourceIp", #""2001:DB8:1234:5678::/64""#, ["aws:SourceIp": "2001:db8:1234:5679::1"], false),
        ("IpAddress", "aws:SourceIp", #""192.0.2.0/24""#, ["aws:SourceIp": "::ffff:192.0.2.9"], true),
        ("NotIpAddress", "aws:SourceIp", #""192.0.2.0/24""#, ["aws:SourceIp": "203.0.113.1"], true),
        ("NotIpAddress", "aws:SourceIp", #""192.0.2.0/24""#, ["aws:SourceIp": "192.0.2.1"], false),
        ("IpAddress", "aws:SourceIp", #""192.0.2.0/24""#, ["aws:SourceIp": "not-an-ip"], false),
        // ARNs: segment-wise wildcards, ArnEquals and ArnLike alike.
        ("ArnLike", "aws:PrincipalArn", #""arn:aws:iam::123456789012:user/*""#, ["aws:PrincipalArn": "arn:aws:iam::123456789012:user/alice"], true),
        ("ArnEquals", "aws:PrincipalArn", #""arn:aws:iam::123456789012:user/alice""#, ["aws:PrincipalArn": "arn:aws:iam::123456789012:user/alice"], true),
        ("ArnNotLike", "aws:PrincipalArn", #""arn:aws:iam::*:user/admin""#, ["aws:PrincipalArn": "arn:aws:iam::123456789012:user/alice"], true),
        ("ArnNotEquals", "aws:PrincipalArn", #""arn:aws:iam::123456789012:user/alice""#, ["aws:PrincipalArn": "arn:aws:iam::123456789012:user/alice"], false),
        // Null: "true" means the key is absent.
        ("Null", "aws:SourceVpce", "true", [:], true),
        ("Null", "aws:SourceVpce", "true", ["aws:SourceVpce": "v"], false),
        ("Null", "aws:SourceVpce", "false", ["aws:SourceVpce": "v"], true),
        ("Null", "aws:SourceVpce", "false", [:], false),
    ] as [(String, String, String, [String: String], Bool)])
    func evaluatesEveryOperator(op: String, key: String, values: String, context: [String: String], expected: Bool) throws {
        #expect(try Self.holds(op, key, values, Self.ctx(context)) == expected, "\(op) \(key) \(values) \(context)")
    }

    /// A missing key makes a condition false, negated operators true, `…IfExists` true.
    @Test(arguments: [
        ("StringEquals", false), ("StringNotEquals", true), ("StringLike", false), ("StringNotLike", true),
        ("StringEqualsIfExists", true), ("StringNotEqualsIfExists", true), ("IpAddress", false), ("NotIpAddress", true),
        ("IpAddressIfExists", true), ("NumericLessThan", false), ("NumericNotEquals", true), ("DateLessThan", false),
        ("DateNotEquals", true), ("Bool", false), ("BoolIfExists", true), ("ArnLike", false), ("ArnNotLike", true),
        ("ForAnyValue:StringEquals", false), ("ForAllValues:StringEquals", true),
        ("ForAnyValue:StringNotEquals", false), ("ForAllValues:StringNotEquals", true),
    ])
    func treatsAMissingKeyAsIAMDoes(op: String, expected: Bool) throws {
        let value = op.contains("Ip") ? #""192.0.2.0/24""# : op.contains("Numeric") ? "1"
            : op.contains("Date") ? #""2026-01-01""# : op.contains("Bool") ? "true" : op.contains("Arn") ? #""arn:aws:iam::1:user/x""# : #""x""#
        #expect(try Self.holds(op, "absent:key", value, Self.none) == expected, "\(op)")
    }

    @Test func setQualifiersTestEveryOrAnyRequestValue() throws {
        var tags = PolicyContext()
        tags.set("aws:TagKeys", values: ["env", "team"])
        #expect(try Self.holds("ForAllValues:StringEquals", "aws:TagKeys", #"["env", "team", "cost"]"#, tags))
        #expect(try !Self.holds("ForAllValues:StringEquals", "aws:TagKeys", #"["env"]"#, tags))
        #expect(try Self.holds("ForAnyValue:StringEquals", "aws:TagKeys", #"["team"]"#, tags))
        #expect(try !Self.holds("ForAnyValue:StringEquals", "aws:TagKeys", #"["cost"]"#, tags))
        #expect(try Self.holds("ForAnyValue:StringNotEquals", "aws:TagKeys", #"["env"]"#, tags))
        #expect(try !Self.holds("ForAllValues:StringNotEquals", "aws:TagKeys", #"["env"]"#, tags))
        #expect(try Self.holds("ForAllValues:StringLike", "aws:TagKeys", #"["e*", "t*"]"#, tags))
        // Without a qualifier, a multi-valued key matches when any value does (negated: none).
        #expect(try Self.holds("StringEquals", "aws:TagKeys", #""team""#, tags))
        #expect(try !Self.holds("StringNotEquals", "aws:TagKeys", #""team""#, tags))
        // An empty list is treated like an absent key by the qualifiers.
        var empty = PolicyContext()
        empty.set("aws:TagKeys", values: [])
        #expect(try Self.holds("ForAllValues:StringEquals", "aws:TagKeys", #""x""#, empty))
        #expect(try !Self.holds("ForAnyValue:StringEquals", "aws:TagKeys", #""x""#, empty))
    }

    @Test func keysAndOperatorsAreANDed() throws {
        let document = #"""
        {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{
          "StringEquals":{"aws:SourceVpce":"vpce-1","aws:UserAgent":"ua"},
          "IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}}
        """#
        let policy = try PolicyCompiler.compile(Array(document.utf8), kind: .identity)
        func decide(_ values: [String: String]) -> PolicyDecision {
            policy.evaluate(PolicyRequest(principal: .anonymous, action: "a:b", resource: "arn:aws:s:r:1:x", context: PolicyContext(values)))
        }
        #expect(decide(["aws:SourceVpce": "vpce-1", "aws:UserAgent": "ua", "aws:SourceIp": "10.1.2.3"]) == .allow)
        #expect(decide(["aws:SourceVpce": "vpce-1", "aws:UserAgent": "other", "aws:SourceIp": "10.1.2.3"]) == .implicitDeny)
        #expect(decide(["aws:SourceVpce": "vpce-1", "aws:UserAgent": "ua", "aws:SourceIp": "11.1.2.3"]) == .implicitDeny)
    }

    @Test func stringValuesTakePolicyVariablesInCurrentDocumentsOnly() throws {
        let context = Self.ctx(["aws:username": "alice", "owner": "alice"])
        #expect(try Self.holds("StringEquals", "owner", #""${aws:username}""#, context))
        let legacy = #"{"Version":"2008-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"owner":"${aws:username}"}}}}"#
        let policy = try PolicyCompiler.compile(Array(legacy.utf8), kind: .identity)
        let request = PolicyRequest(principal: .anonymous, action: "a:b", resource: "arn:aws:s:r:1:x", context: context)
        #expect(policy.evaluate(request) == .implicitDeny)
    }

    @Test(arguments: [
        ("DateLessThan", #""yesterday""#), ("DateGreaterThan", #""2026-13-01""#), ("DateEquals", #""2026-02-30""#),
        ("IpAddress", #""192.0.2.0/33""#), ("NotIpAddress", #""300.0.0.1""#), ("IpAddress", #""2001:db8::1::2""#),
        ("NumericEquals", #""ten""#), ("Bool", #""yes""#), ("Null", #""maybe""#),
    ])
    func refusesValuesTheOperatorCannotCompare(op: String, value: String) {
        #expect(throws: PolicyCompileError.self) { try Self.holds(op, "k", value, Self.none) }
    }
}
