import Shared

/// The REST API Lambda proxy event, payload format 1.0 (reference §2.13), in AWS's field order.
///
/// Empty maps are `null`; `headers` keeps the last value of a repeated header and
/// `multiValueHeaders` all of them (names grouped case-insensitively, first spelling kept);
/// query parameters likewise. `Authorization` and `User-Agent` arrive title-cased. The body is a
/// string, or base64 with `isBase64Encoded: true` when the Content-Type is one of the API's
/// `binaryMediaTypes` (or the bytes are not UTF-8).
package enum LambdaProxyEvent {
    package static func make(_ invocation: Invocation) -> JSONValue {
        let request = invocation.request
        var grouped: [(name: String, values: [String])] = []
        var eventHeaders = invocation.forwardableHeaders
        for name in ["X-Amzn-Trace-Id", "X-Forwarded-For", "X-Forwarded-Port", "X-Forwarded-Proto"] { eventHeaders.remove(name) }
        eventHeaders.add("X-Amzn-Trace-Id", invocation.identifiers.traceId)
        eventHeaders.add("X-Forwarded-For", (request.headers.values("X-Forwarded-For") + [invocation.connection.remoteAddress]).joined(separator: ", "))
        eventHeaders.add("X-Forwarded-Port", String(invocation.connection.localPort))
        eventHeaders.add("X-Forwarded-Proto", invocation.connection.isTLS ? "https" : "http")
        for field in eventHeaders {
            let name = titleCased(field.name)
            if let index = grouped.firstIndex(where: { HTTPHeaders.equalsIgnoringCase($0.name, name) }) {
                grouped[index].values.append(field.value)
            } else {
                grouped.append((name, [field.value]))
            }
        }
        let headers: JSONValue = grouped.isEmpty ? .null : .object(grouped.map { ($0.name, .string($0.values.last!)) })
        let multiValueHeaders: JSONValue = grouped.isEmpty ? .null : .object(grouped.map { ($0.name, .array($0.values.map(JSONValue.string))) })

        let names = invocation.query.names
        let query: JSONValue = names.isEmpty ? .null : .object(names.map { ($0, .string(invocation.query.last($0) ?? "")) })
        let multiQuery: JSONValue = names.isEmpty ? .null : .object(names.map { ($0, .array(invocation.query.all($0).map(JSONValue.string))) })
        let pathParameters: JSONValue = invocation.pathParameters.isEmpty ? .null : .object(invocation.pathParameters.map { ($0.name, .string($0.value)) })
        let stageVariables: JSONValue = invocation.stage.variables.isEmpty
            ? .null : .object(invocation.stage.variables.sorted(by: { $0.key < $1.key }).map { ($0.key, .string($0.value)) })

        let (body, isBase64) = encodeBody(request.body, contentType: request.headers["Content-Type"], binaryMediaTypes: invocation.stage.binaryMediaTypes)
        return .object([
            ("resource", .string(invocation.route.resourcePath)),
            ("path", .string(invocation.path)),
            ("httpMethod", .string(request.method.rawValue)),
            ("headers", headers),
            ("multiValueHeaders", multiValueHeaders),
            ("queryStringParameters", query),
            ("multiValueQueryStringParameters", multiQuery),
            ("pathParameters", pathParameters),
            ("stageVariables", stageVariables),
            ("requestContext", requestContext(invocation)),
            ("body", body),
            ("isBase64Encoded", .bool(isBase64)),
        ])
    }

    /// `requestContext.identity.clientCert`: AWS's field names, `validity` nested.
    static func clientCert(_ certificate: TLSClientCertificate) -> JSONValue {
        .object([
            ("clientCertPem", .string(certificate.clientCertPem)), ("subjectDN", .string(certificate.subjectDN)),
            ("issuerDN", .string(certificate.issuerDN)), ("serialNumber", .string(certificate.serialNumber)),
            ("validity", .object([("notBefore", .string(certificate.notBefore)), ("notAfter", .string(certificate.notAfter))])),
        ])
    }

    static func requestContext(_ invocation: Invocation) -> JSONValue {
        let iam = invocation.iamCaller
        var identity: [(key: String, value: JSONValue)] = [
            ("cognitoIdentityPoolId", .null), ("accountId", .stringOrNull(iam?.accountId)), ("cognitoIdentityId", .null),
            ("caller", .stringOrNull(iam?.caller)),
            ("sourceIp", .string(invocation.sourceIp)), ("principalOrgId", .null), ("accessKey", .stringOrNull(iam?.accessKey)),
            ("cognitoAuthenticationType", .null), ("cognitoAuthenticationProvider", .null), ("userArn", .stringOrNull(iam?.userArn)),
            ("userAgent", .stringOrNull(invocation.request.headers["User-Agent"])), ("user", .stringOrNull(iam?.user)),
        ]
        if let key = invocation.apiKey {
            identity.append(("apiKey", .string(key.value)))
            identity.append(("apiKeyId", .string(key.id)))
        }
        // Mutual TLS: the verified client certificate; absent without one, as in AWS's recorded
        // event (the reference lists it with apiKey as a member that appears when it applies).
        if let certificate = invocation.connection.clientCertificate { identity.append(("clientCert", Self.clientCert(certificate))) }
        var members: [(key: String, value: JSONValue)] = [
            ("resourceId", .string(invocation.route.resourceId)),
            ("resourcePath", .string(invocation.route.resourcePath)),
            ("httpMethod", .string(invocation.request.method.rawValue)),
            ("extendedRequestId", .string(invocation.identifiers.extendedRequestId)),
            ("requestTime", .string(RequestTime.format(epochMillis: invocation.requestTimeEpochMillis))),
            ("path", .string(invocation.contextPath)),
            ("accountId", .string(invocation.accountId)),
            ("protocol", .string(invocation.request.head.version.description)),
            ("stage", .string(invocation.stage.stageName)),
            ("domainPrefix", .string(invocation.domainPrefix)),
            ("requestTimeEpoch", .number(Double(invocation.requestTimeEpochMillis))),
            ("requestId", .string(invocation.identifiers.requestId)),
            ("identity", .object(identity)),
            ("domainName", .string(invocation.domainName)),
            ("deploymentId", .string(invocation.stage.deploymentId)),
            ("apiId", .string(invocation.stage.restApiId)),
        ]
        if let authorizer = invocation.authorizer {
            members.insert(("authorizer", authorizer.proxyEventValue(integrationLatencyMillis: invocation.authorizerLatencyMillis)), at: 1)
        }
        return .object(members)
    }

    /// The event body: null when empty, base64 for binary media types or non-UTF-8 bytes.
    static func encodeBody(_ body: [UInt8], contentType: String?, binaryMediaTypes: [String]) -> (JSONValue, Bool) {
        guard !body.isEmpty else { return (.null, false) }
        if BinaryMediaTypes.matches(contentType, binaryMediaTypes) { return (.string(Base64.encode(body)), true) }
        if let text = String(validating: body, as: UTF8.self) { return (.string(text), false) }
        return (.string(Base64.encode(body)), true)
    }

    /// `authorization` → `Authorization`, `user-agent` → `User-Agent` (CloudFront-style); others as sent.
    static func titleCased(_ name: String) -> String {
        if HTTPHeaders.equalsIgnoringCase(name, "Authorization") { return "Authorization" }
        if HTTPHeaders.equalsIgnoringCase(name, "User-Agent") { return "User-Agent" }
        return name
    }
}
