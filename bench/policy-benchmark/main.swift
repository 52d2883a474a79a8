import Glibc
import Shared

/// `PolicyBench [--evaluations N] [--rounds R]` (run by bench/policy.sh): the policy evaluator alone
/// on one thread — no sockets, no chain — for the shapes a request meets: AWS's "deny by source IP"
/// resource policy, a Lambda authorizer's returned policy, an IAM identity policy with a policy
/// variable, and a 100-statement resource policy whose only match is the last statement. Prints
/// the median nanoseconds per evaluation over the rounds, and the compile cost of each document.
enum PolicyBench {
    static let arn = ExecuteApiArn.method(region: "us-east-1", account: "111111111111", apiId: "a1b2c3",
                                          stage: "prod", method: "GET", path: "/pets/dog/1")

    static let documents: [(name: String, kind: PolicyKind, text: String)] = [
        ("resource policy: allow all, deny two CIDRs", .resource, #"""
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:us-east-1:111111111111:a1b2c3/*"},
          {"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:us-east-1:111111111111:a1b2c3/*",
           "Condition":{"IpAddress":{"aws:SourceIp":["192.0.2.0/24","198.51.100.0/24"]}}}]}
        """#),
        ("authorizer policy: allow GET/*, deny one path", .authorizer, #"""
        {"Version":"2012-10-17","Statement":[
          {"Action":"execute-api:Invoke","Effect":"Allow","Resource":"arn:aws:execute-api:us-east-1:111111111111:a1b2c3/prod/GET/*"},
          {"Action":"execute-api:Invoke","Effect":"Deny","Resource":"arn:aws:execute-api:us-east-1:111111111111:a1b2c3/prod/GET/admin/*"}]}
        """#),
        ("identity policy with ${aws:username}", .identity, #"""
        {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"execute-api:Invoke",
          "Resource":"arn:aws:execute-api:*:*:a1b2c3/*/GET/pets/${aws:username}/*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}}
        """#),
        ("resource policy: 100 statements, last one matches", .resource,
         #"{"Version":"2012-10-17","Statement":["# + (0..<99).map { i in
            #"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:user/u\#(i)"},"Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:us-east-1:111111111111:a1b2c3/prod/*/item\#(i)/*"}"#
         }.joined(separator: ",") + #",{"Effect":"Allow","Principal":"*","Action":"execute-api:*","Resource":"arn:aws:execute-api:us-east-1:111111111111:a1b2c3/*","Condition":{"StringLike":{"aws:UserAgent":"*curl*"}}}]}"#),
    ]

    static func main() -> Int32 {
        let arguments = CommandLine.arguments
        func option(_ name: String, _ fallback: Int) -> Int {
            guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let value = Int(arguments[index + 1]) else { return fallback }
            return value
        }
        let evaluations = option("--evaluations", 1_000_000)
        let rounds = option("--rounds", 5)
        var context = PolicyContext(["aws:SourceIp": "203.0.113.9", "aws:UserAgent": "curl/8.5.0", "aws:SecureTransport": "true"])
        context.setTime(epochSeconds: 1_796_176_301)
        let request = PolicyRequest(principal: .aws(arn: "arn:aws:iam::111111111111:user/dog", account: "111111111111"),
                                    action: ExecuteApiArn.invokeAction, resource: arn, context: context)
        print("policy evaluator: \(evaluations) evaluations × \(rounds) rounds, one thread (median ns per evaluation)")
        for document in documents {
            let bytes = Array(document.text.utf8)
            guard let policy = try? PolicyCompiler.compile(bytes, kind: document.kind) else {
                print("  \(document.name): does not compile")
                return 1
            }
            var compileTimes: [Double] = []
            for _ in 0..<rounds {
                let start = Syscall.monotonicNanos()
                for _ in 0..<1_000 { _ = try? PolicyCompiler.compile(bytes, kind: document.kind) }
                compileTimes.append(Double(Syscall.monotonicNanos() - start) / 1_000)
            }
            var times: [Double] = []
            var decision = PolicyDecision.implicitDeny
            for _ in 0..<rounds {
                var allowed = 0
                let start = Syscall.monotonicNanos()
                for _ in 0..<evaluations where policy.evaluate(request) == .allow { allowed += 1 }
                times.append(Double(Syscall.monotonicNanos() - start) / Double(evaluations))
                decision = allowed == evaluations ? .allow : policy.evaluate(request)
            }
            print("  \(document.name) [\(bytes.count) bytes, \(policy.statements.count) statements, \(decision)]: "
                  + "evaluate \(Int(median(times))) ns, compile \(Int(median(compileTimes) / 1_000)) µs")
        }
        return 0
    }

    static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
}

exit(PolicyBench.main())
