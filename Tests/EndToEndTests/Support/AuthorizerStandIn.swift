import Foundation
import Shared
import Synchronization

/// The Lambda functions of the authorizer end-to-end tests, counting their calls and keeping the
/// last REQUEST event: `token-auth` (TOKEN), `request-auth` (REQUEST) and `backend` (the AWS_PROXY
/// integration, answering with the `requestContext.authorizer` it was given).
///
/// `token-auth` decides by the token's first word: `allow…` allows every GET of the stage (and
/// names the usage key `key:VALUE` when the token is `allow key:VALUE`), `deny…` denies
/// explicitly, `unauthorized` throws `Unauthorized`, `broken` returns no policy, `crash` throws
/// another error, `slow` answers after 1.5 s.
final class AuthorizerStandIn: Sendable {
    private let state = Mutex<(calls: [String: Int], lastRequestEvent: UncheckedBox<[String: Any]>?)>(([:], nil))

    func calls(_ function: String) -> Int { state.withLock { $0.calls[function] ?? 0 } }
    var lastRequestEvent: [String: Any]? { state.withLock { $0.lastRequestEvent }?.value }

    static func json(_ object: Any) -> [UInt8] { Array((try? JSONSerialization.data(withJSONObject: object)) ?? Data()) }

    /// A policy of one statement on the stage's GETs (`{api ARN}/{stage}/GET/*`).
    static func policy(_ effect: String, methodArn: String) -> [String: Any] {
        let parts = methodArn.split(separator: "/")
        let resource = "\(parts[0])/\(parts[1])/GET/*"
        return ["Version": "2012-10-17", "Statement": [["Action": "execute-api:Invoke", "Effect": effect, "Resource": resource]]]
    }

    var function: LambdaInvokeServer.Function {
        { [self] name, event in
            state.withLock { state in
                state.calls[name, default: 0] += 1
                if name == "request-auth" { state.lastRequestEvent = UncheckedBox(event) }
            }
            switch name {
            case "token-auth": return Self.token(event)
            case "request-auth":
                let query = event["queryStringParameters"] as? [String: String]
                let effect = query?["key"] == "open-sesame" ? "Allow" : "Deny"
                return .init(body: Self.json(["principalId": "tenant", "policyDocument": Self.policy(effect, methodArn: event["methodArn"] as! String),
                                              "context": ["tenant": (event["headers"] as? [String: String])?["X-Tenant"] ?? ""]]))
            case "backend":
                let context = (event["requestContext"] as? [String: Any])?["authorizer"] ?? NSNull()
                let body = String(decoding: Self.json(["authorizer": context]), as: UTF8.self)
                return .init(body: Self.json(["statusCode": 200, "body": body]))
            default:
                return .init(body: Self.json(["errorMessage": "no such function"]), headers: ["X-Amz-Function-Error": "Unhandled"])
            }
        }
    }

    private static func token(_ event: [String: Any]) -> LambdaInvokeServer.Result {
        let token = event["authorizationToken"] as? String ?? ""
        let methodArn = event["methodArn"] as? String ?? ""
        func allowed() -> LambdaInvokeServer.Result {
            var result: [String: Any] = ["principalId": "user-\(token.split(separator: " ").first ?? "")",
                                         "policyDocument": policy("Allow", methodArn: methodArn),
                                         "context": ["tier": "gold", "count": 7, "admin": false]]
            if let range = token.range(of: "key:") { result["usageIdentifierKey"] = String(token[range.upperBound...]) }
            return .init(body: json(result))
        }
        switch token.split(separator: " ").first ?? "" {
        case "allow": return allowed()
        case "deny": return .init(body: json(["principalId": "nobody", "policyDocument": policy("Deny", methodArn: methodArn)]))
        case "unauthorized":
            return .init(body: json(["errorMessage": "Unauthorized", "errorType": "Error"]), headers: ["X-Amz-Function-Error": "Unhandled"])
        case "crash":
            return .init(body: json(["errorMessage": "boom", "errorType": "Error"]), headers: ["X-Amz-Function-Error": "Unhandled"])
        case "broken": return .init(body: json(["principalId": "x"]))
        case "slow":
            Thread.sleep(forTimeInterval: 1.5)  // plays a function slower than the node's authorizer timeout
            return allowed()
        default: return .init(body: json(["principalId": "x", "policyDocument": policy("Deny", methodArn: methodArn)]))
        }
    }
}
