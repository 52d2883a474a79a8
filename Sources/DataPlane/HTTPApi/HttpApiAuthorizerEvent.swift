import Shared

/// The events an HTTP API sends its Lambda authorizer (AWS developer guide, "Control access to
/// HTTP APIs with AWS Lambda authorizers", payload format version). Pure.
///
/// 2.0: `version`, `type: "REQUEST"`, `routeArn`, `identitySource` (the values, in order), then
/// what a 2.0 proxy event carries (`routeKey`, `rawPath`, `rawQueryString`, `cookies`, `headers`,
/// `queryStringParameters`, `requestContext`, `pathParameters`, `stageVariables`) without the body.
/// 1.0: `version`, `type: "REQUEST"`, `methodArn`, `identitySource` and `authorizationToken` (the
/// values joined by `,`), then REST's REQUEST event members (`LambdaAuthorizerEvent.request`).
enum HttpApiAuthorizerEvent {
    static func make(_ invocation: Invocation, routeArn: String, identity: [String], version: String) -> JSONValue {
        if version == "1.0" {
            let joined = JSONValue.string(identity.joined(separator: ","))
            var members: [(key: String, value: JSONValue)] = [
                ("version", .string("1.0")), ("type", .string("REQUEST")), ("methodArn", .string(routeArn)),
                ("identitySource", joined), ("authorizationToken", joined),
            ]
            if case .object(let rest) = LambdaAuthorizerEvent.request(invocation, methodArn: routeArn) {
                members += rest.filter { $0.key != "type" && $0.key != "methodArn" }
            }
            return .object(members)
        }
        var members: [(key: String, value: JSONValue)] = [
            ("version", .string("2.0")), ("type", .string("REQUEST")), ("routeArn", .string(routeArn)),
            ("identitySource", .array(identity.map(JSONValue.string))),
        ]
        if case .object(let proxy) = HttpApiLambdaEvent.makeV2(invocation) {
            members += proxy.filter { !["version", "body", "isBase64Encoded"].contains($0.key) }
        }
        return .object(members)
    }
}
