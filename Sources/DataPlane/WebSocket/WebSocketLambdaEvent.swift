import Shared

/// The Lambda proxy event of a WebSocket route (AWS developer guide, "WebSocket API Lambda
/// integration"), in AWS's field order.
///
/// Every event: `requestContext` with `routeKey`, `eventType` (CONNECT, MESSAGE, DISCONNECT),
/// `extendedRequestId`, `requestTime`, `messageDirection` (`IN`), `stage`, `connectedAt`,
/// `requestTimeEpoch`, `identity.sourceIp` (and `userAgent` when known), `requestId`,
/// `domainName`, `connectionId`, `apiId`; MESSAGE adds `messageId`, DISCONNECT
/// `disconnectStatusCode` and `disconnectReason`. Then `body` and `isBase64Encoded` (a binary
/// message is base64). CONNECT and DISCONNECT carry the upgrade request's `headers` (repeated
/// values: the last) and `multiValueHeaders`; CONNECT its `queryStringParameters` and
/// `multiValueQueryStringParameters` when there is a query.
enum WebSocketLambdaEvent {
    enum Kind: Equatable {
        case connect
        case message(messageId: String, body: [UInt8], binary: Bool)
        case disconnect(statusCode: Int, reason: String)

        /// CONNECT and DISCONNECT carry the upgrade request's headers.
        var carriesHeaders: Bool {
            switch self {
            case .connect, .disconnect: return true
            case .message: return false
            }
        }
    }

    static func make(_ kind: Kind, routeKey: String, info: WebSocketConnectionInfo, requestId: String, extendedRequestId: String,
                     nowMillis: Int64) -> JSONValue {
        var context: [(key: String, value: JSONValue)] = [("routeKey", .string(routeKey))]
        if let authorizer = info.authorizer {
            context.append(("authorizer", .object([("principalId", .string(authorizer.principalId))]
                + authorizer.context.map { ($0.key, JSONValue.string($0.value)) })))
        }
        if case .message(let messageId, _, _) = kind { context.append(("messageId", .string(messageId))) }
        let eventType: String
        switch kind {
        case .connect: eventType = "CONNECT"
        case .message: eventType = "MESSAGE"
        case .disconnect: eventType = "DISCONNECT"
        }
        context.append(("eventType", .string(eventType)))
        context.append(("extendedRequestId", .string(extendedRequestId)))
        context.append(("requestTime", .string(RequestTime.format(epochMillis: nowMillis))))
        context.append(("messageDirection", .string("IN")))
        if case .disconnect(let code, let reason) = kind {
            context.append(("disconnectStatusCode", .number(Double(code))))
            context.append(("disconnectReason", .string(reason)))
        }
        context.append(("stage", .string(info.stageName)))
        context.append(("connectedAt", .number(Double(info.connectedAtMillis))))
        context.append(("requestTimeEpoch", .number(Double(nowMillis))))
        var identity: [(key: String, value: JSONValue)] = []
        if let agent = info.userAgent { identity.append(("userAgent", .string(agent))) }
        identity.append(("sourceIp", .string(info.sourceIp)))
        context.append(("identity", .object(identity)))
        context.append(("requestId", .string(requestId)))
        context.append(("domainName", .string(info.domainName)))
        context.append(("connectionId", .string(info.connectionId)))
        context.append(("apiId", .string(info.apiId)))

        var members: [(key: String, value: JSONValue)] = []
        if kind.carriesHeaders {
            var single: [(key: String, value: JSONValue)] = []
            var multi: [(key: String, values: [String])] = []
            for field in info.headers.fields {
                if let index = multi.firstIndex(where: { $0.key.lowercased() == field.name.lowercased() }) {
                    multi[index].values.append(field.value)
                    single[index].value = .string(field.value)
                } else {
                    multi.append((field.name, [field.value]))
                    single.append((field.name, .string(field.value)))
                }
            }
            members.append(("headers", .object(single)))
            members.append(("multiValueHeaders", .object(multi.map { ($0.key, .array($0.values.map(JSONValue.string))) })))
            if kind == .connect, let raw = info.query, !raw.isEmpty {
                let query = QueryParameters(raw: raw)
                let names = query.names
                members.append(("queryStringParameters", .object(names.map { ($0, .stringOrNull(query.last($0))) })))
                members.append(("multiValueQueryStringParameters", .object(names.map { ($0, .array(query.all($0).map(JSONValue.string))) })))
            }
        }
        members.append(("requestContext", .object(context)))
        switch kind {
        case .message(_, let body, let binary):
            members.append(("body", .string(binary ? Base64.encode(body) : String(decoding: body, as: UTF8.self))))
            members.append(("isBase64Encoded", .bool(binary)))
        case .connect, .disconnect:
            members.append(("isBase64Encoded", .bool(false)))
        }
        return .object(members)
    }
}
