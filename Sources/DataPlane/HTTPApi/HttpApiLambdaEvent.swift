import Shared

/// The Lambda proxy event of an HTTP API route (reference §2.13; AWS developer guide,
/// "payload format version"), in AWS's field order.
///
/// 2.0: `version`, `routeKey`, `rawPath` (the request path as received, stage included),
/// `rawQueryString`, `cookies` (the `Cookie` header split at `; `), `headers` (names lowercased,
/// repeated values joined by `,`), `queryStringParameters` (repeated values joined by `,`),
/// `requestContext` (with `http.{method,path,protocol,sourceIp,userAgent}`, `requestId` = the
/// `apigw-requestid`, `time`, `timeEpoch`), `body`, `pathParameters` (decoded), `isBase64Encoded`,
/// `stageVariables`; members with nothing to carry are left out. 1.0: REST's event
/// (`LambdaProxyEvent`, reused) with `"version": "1.0"` first.
enum HttpApiLambdaEvent {
    static func make(_ invocation: Invocation, version: String) -> JSONValue {
        if version == "1.0" {
            guard case .object(let members) = LambdaProxyEvent.make(invocation) else { return .null }
            return .object([("version", .string("1.0"))] + members)
        }
        return makeV2(invocation)
    }

    static func makeV2(_ invocation: Invocation) -> JSONValue {
        let request = invocation.request
        let routeKey = invocation.route.httpApi?.routeKey ?? "$default"
        var headers: [(key: String, value: String)] = []
        var cookies: [String] = []
        for field in invocation.forwardableHeaders {
            let name = field.name.lowercased()
            if name == "cookie" {
                cookies += field.value.split(separator: ";").map { String($0.trimmingASCIIWhitespace()) }.filter { !$0.isEmpty }
                continue
            }
            if let index = headers.firstIndex(where: { $0.key == name }) {
                headers[index].value += "," + field.value
            } else {
                headers.append((name, field.value))
            }
        }
        for (name, value) in [("x-forwarded-for", (request.headers.values("X-Forwarded-For") + [invocation.connection.remoteAddress]).joined(separator: ", ")),
                              ("x-forwarded-port", String(invocation.connection.localPort)),
                              ("x-forwarded-proto", invocation.connection.isTLS ? "https" : "http"),
                              ("x-amzn-trace-id", invocation.identifiers.traceId)] {
            headers.removeAll { $0.key == name }
            headers.append((name, value))
        }
        let rawPath = String(request.head.path)
        var members: [(key: String, value: JSONValue)] = [
            ("version", .string("2.0")),
            ("routeKey", .string(routeKey)),
            ("rawPath", .string(rawPath)),
            ("rawQueryString", .string(String(request.head.query ?? ""))),
        ]
        if !cookies.isEmpty { members.append(("cookies", .array(cookies.map(JSONValue.string)))) }
        members.append(("headers", .object(headers.map { ($0.key, .string($0.value)) })))
        let names = invocation.query.names
        if !names.isEmpty {
            members.append(("queryStringParameters", .object(names.map { ($0, .string(invocation.query.all($0).joined(separator: ","))) })))
        }
        members.append(("requestContext", requestContext(invocation, routeKey: routeKey, rawPath: rawPath)))
        let (body, isBase64) = LambdaProxyEvent.encodeBody(request.body, contentType: request.headers["Content-Type"], binaryMediaTypes: [])
        if case .string = body { members.append(("body", body)) }
        if !invocation.pathParameters.isEmpty {
            members.append(("pathParameters", .object(invocation.pathParameters.map {
                ($0.name, .string(PercentDecoding.decodeString($0.value[...], plusAsSpace: false)))
            })))
        }
        members.append(("isBase64Encoded", .bool(isBase64)))
        if !invocation.stage.variables.isEmpty {
            members.append(("stageVariables", .object(invocation.stage.variables.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })))
        }
        return .object(members)
    }

    private static func requestContext(_ invocation: Invocation, routeKey: String, rawPath: String) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("accountId", .string(invocation.accountId)),
            ("apiId", .string(invocation.stage.restApiId)),
        ]
        // A Lambda authorizer's context: `authorizer.lambda`; an AWS_IAM caller: `authorizer.iam`.
        if let lambda = invocation.authorizer?.lambdaContext {
            members.append(("authorizer", .object([("lambda", lambda)])))
        } else if let caller = invocation.iamCaller {
            members.append(("authorizer", .object([("iam", .object([
                ("accessKey", .string(caller.accessKey)), ("accountId", .string(caller.accountId)), ("callerId", .string(caller.caller)),
                ("cognitoIdentity", .null), ("principalOrgId", .null), ("userArn", .string(caller.userArn)), ("userId", .string(caller.user)),
            ]))])))
        }
        // A JWT route's verified token: `authorizer.jwt.{claims, scopes}` (scopes null without any).
        if let claims = invocation.authorizer?.claims {
            let scopes = claims.first(where: { $0.key == "scope" }).map { $0.value.split(separator: " ").map { JSONValue.string(String($0)) } }
            members.append(("authorizer", .object([("jwt", .object([
                ("claims", .object(claims.map { ($0.key, .string($0.value)) })),
                ("scopes", scopes.map(JSONValue.array) ?? .null),
            ]))])))
        }
        return .object(members + [
            ("domainName", .string(invocation.domainName)),
            ("domainPrefix", .string(invocation.domainPrefix)),
            ("http", .object([
                ("method", .string(invocation.request.method.rawValue)),
                ("path", .string(rawPath)),
                ("protocol", .string(invocation.request.head.version.description)),
                ("sourceIp", .string(invocation.sourceIp)),
                ("userAgent", .string(invocation.request.headers["User-Agent"] ?? "")),
            ])),
            ("requestId", .string(invocation.identifiers.extendedRequestId)),
            ("routeKey", .string(routeKey)),
            ("stage", .string(invocation.stage.stageName)),
            ("time", .string(RequestTime.format(epochMillis: invocation.requestTimeEpochMillis))),
            ("timeEpoch", .number(Double(invocation.requestTimeEpochMillis))),
        ])
    }
}
