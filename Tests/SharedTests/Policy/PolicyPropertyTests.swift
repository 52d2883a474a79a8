import Testing
@testable import Shared

/// Bounded random tests: the compiler and evaluator never crash, are deterministic, and the glob
/// matcher agrees with a plain dynamic-programming definition of `*` and `?`.
@Suite struct PolicyPropertyTests {
    /// The textbook DP glob over scalars: the specification the fast matcher must agree with.
    static func reference(_ pattern: [Character], _ text: [Character]) -> Bool {
        var row = [Bool](repeating: false, count: text.count + 1)
        row[0] = true
        for p in pattern {
            var next = [Bool](repeating: false, count: text.count + 1)
            if p == "*" { next[0] = row[0] }
            for t in 0..<text.count {
                switch p {
                case "*": next[t + 1] = next[t] || row[t + 1]
                case "?": next[t + 1] = row[t]
                default: next[t + 1] = row[t] && text[t] == p
                }
            }
            row = next
        }
        return row[text.count]
    }

    @Test func globMatchingAgreesWithTheReference() {
        var generator = SeededGenerator(seed: 14)
        let patternAlphabet: [Character] = ["a", "b", "*", "?", "é", "/"]
        let textAlphabet: [Character] = ["a", "b", "é", "/"]
        for _ in 0..<4_000 {
            let pattern = (0..<Int.random(in: 0...7, using: &generator)).map { _ in patternAlphabet.randomElement(using: &generator)! }
            let text = (0..<Int.random(in: 0...9, using: &generator)).map { _ in textAlphabet.randomElement(using: &generator)! }
            let fast = WildcardPattern(String(pattern), wildcards: true, variables: false)
                .matches(Array(String(text).utf8)[...], context: PolicyContext())
            #expect(fast == Self.reference(pattern, text), "\(String(pattern)) vs \(String(text))")
        }
    }

    /// Each statement element's possible forms (valid ones, and a few broken ones).
    static let elements: [[String]] = [
        [#""Effect":"Allow""#, #""Effect":"Deny""#, #""Effect":"allow""#],
        ["", #""Principal":"*""#, #""Principal":{"AWS":["111111111111","arn:aws:iam::2:user/a"]}"#, #""NotPrincipal":{"AWS":"*"}"#,
         #""Principal":{"Service":"x"}"#],
        [#""Action":"execute-api:*""#, #""NotAction":["s3:*","execute-api:Inv?ke"]"#, #""Action":"*""#, #""Action":"Invoke""#],
        [#""Resource":"arn:aws:execute-api:*:*:api/*/GET/*""#, #""NotResource":["arn:aws:execute-api:r:1:api/prod/*"]"#,
         #""Resource":"arn:aws:execute-api:r:1:api/${aws:username}/*""#, #""Resource":"*""#, #""Resource":"x""#],
        ["", #""Condition":{"IpAddress":{"aws:SourceIp":["10.0.0.0/8","2001:db8::/32"]}}"#,
         #""Condition":{"StringNotLikeIfExists":{"aws:UserAgent":"*bot*"},"Bool":{"aws:SecureTransport":true}}"#,
         #""Condition":{"ForAllValues:StringEquals":{"k":["a","b"]},"DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}}"#,
         #""Condition":{"Null":{"aws:SourceVpce":"true"},"NumericLessThan":{"n":5}}"#,
         #""Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/?"}}"#],
    ]
    static let headers = [#"{"Version":"2012-10-17","Statement":["#, #"{"Version":"2008-10-17","Statement":["#, #"{"Statement":["#]
    static let noise = ["}", "]", ",", "\"", "[", "{", ":", "*", "null", "1", "\\u0000", "é"]

    /// A random document: mostly well-formed statements, sometimes with a byte of noise.
    static func document(_ generator: inout SeededGenerator) -> String {
        let statements = (0..<Int.random(in: 1...4, using: &generator)).map { _ in
            "{" + elements.map { $0.randomElement(using: &generator)! }.filter { !$0.isEmpty }.joined(separator: ",") + "}"
        }
        var text = headers.randomElement(using: &generator)! + statements.joined(separator: ",") + "]}"
        if Int.random(in: 0..<8, using: &generator) == 0 {
            var characters = Array(text)
            characters.insert(contentsOf: noise.randomElement(using: &generator)!, at: Int.random(in: 0...characters.count, using: &generator))
            text = String(characters)
        }
        return text
    }

    @Test func randomDocumentsNeverCrashAndEvaluateDeterministically() {
        var generator = SeededGenerator(seed: 1_402)
        let principals: [PolicyPrincipal] = [.anonymous, .aws(arn: "arn:aws:iam::2:user/a", account: "2"),
                                             .aws(arn: "arn:aws:iam::111111111111:user/b", account: "111111111111"),
                                             .other(type: "Service", identifier: "x")]
        let resources = ["arn:aws:execute-api:r:1:api/prod/GET/pets", "arn:aws:execute-api:r:1:api/a/GET/", "x", ""]
        var compiled = 0
        for _ in 0..<800 {
            let document = Self.document(&generator)
            for kind in [PolicyKind.identity, .resource, .authorizer] {
                let first = Result { () throws(PolicyCompileError) in try PolicyCompiler.compile(Array(document.utf8), kind: kind) }
                let second = Result { () throws(PolicyCompileError) in try PolicyCompiler.compile(Array(document.utf8), kind: kind) }
                #expect(first == second)
                guard case .success(let policy) = first else { continue }
                compiled += 1
                var context = PolicyContext(["aws:SourceIp": Bool.random(using: &generator) ? "10.1.2.3" : "2001:db8::1",
                                             "aws:UserAgent": Bool.random(using: &generator) ? "a-bot" : "curl",
                                             "aws:SecureTransport": "true", "n": "3"])
                context.set("k", values: Bool.random(using: &generator) ? ["a"] : ["a", "c"])
                context.setTime(epochSeconds: Int64.random(in: 1_700_000_000...2_000_000_000, using: &generator))
                let request = PolicyRequest(principal: principals.randomElement(using: &generator)!, action: "execute-api:Invoke",
                                            resource: resources.randomElement(using: &generator)!, context: context)
                let decision = policy.evaluate(request)
                #expect(policy.evaluate(request) == decision)
                #expect(policy.deniesExplicitly(request) == (decision == .explicitDeny))
            }
        }
        // The generator must reach the evaluator, or this test checks nothing.
        #expect(compiled > 100)
    }

    @Test func randomBytesNeverCrashTheCompiler() {
        var generator = SeededGenerator(seed: 77)
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 0...64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = try? PolicyCompiler.compile(bytes, kind: .resource)
            _ = try? LambdaAuthorizerResult.parse(bytes)
            _ = IPAddressRange(bytes)
            _ = PolicyDate.milliseconds(bytes)
        }
    }
}
