import Shared

/// The events API Gateway sends a Lambda authorizer ("Input to an API Gateway Lambda authorizer").
///
/// TOKEN: `{"type":"TOKEN","authorizationToken":…,"methodArn":…}`. REQUEST: `type`, `methodArn`,
/// then what a Lambda proxy event carries (`resource`, `path`, `httpMethod`, `headers`,
/// `multiValueHeaders`, `queryStringParameters`, `multiValueQueryStringParameters`,
/// `pathParameters`, `stageVariables`, `requestContext`), without the body.
enum LambdaAuthorizerEvent {
    static func token(_ token: String, methodArn: String) -> JSONValue {
        .object([("type", .string("TOKEN")), ("authorizationToken", .string(token)), ("methodArn", .string(methodArn))])
    }

    static func request(_ invocation: Invocation, methodArn: String) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [("type", .string("REQUEST")), ("methodArn", .string(methodArn))]
        if case .object(let proxy) = LambdaProxyEvent.make(invocation) {
            members += proxy.filter { $0.key != "body" && $0.key != "isBase64Encoded" }
        }
        return .object(members)
    }
}
