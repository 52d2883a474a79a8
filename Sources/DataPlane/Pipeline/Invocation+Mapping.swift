import Shared

/// Values of mapping expressions (`method.request.*`, `context.*`, `stageVariables.*`, literals)
/// for this request, reference §3.2.
extension Invocation {
    /// `$context.NAME` for the variables Tollgate knows; nil for the rest.
    package func contextVariable(_ name: String) -> String? {
        switch name {
        case "accountId": return accountId
        case "apiId": return stage.restApiId
        case "deploymentId": return stage.deploymentId
        case "domainName": return domainName
        case "domainPrefix": return domainPrefix
        case "extendedRequestId": return identifiers.extendedRequestId
        case "httpMethod": return request.method.rawValue
        case "isCanaryRequest": return stage.isCanaryRequest
        case "path": return contextPath
        case "protocol": return request.head.version.description
        case "requestId", "awsEndpointRequestId": return identifiers.requestId
        case "requestTime": return RequestTime.format(epochMillis: requestTimeEpochMillis)
        case "requestTimeEpoch": return String(requestTimeEpochMillis)
        case "resourceId": return route.resourceId
        case "resourcePath": return route.resourcePath
        case "stage": return stage.stageName
        case "identity.sourceIp": return sourceIp
        case "identity.userArn": return iamCaller?.userArn
        case "identity.accessKey": return iamCaller?.accessKey
        case "identity.user": return iamCaller?.user
        case "identity.caller": return iamCaller?.caller
        case "identity.accountId": return iamCaller?.accountId
        case "identity.userAgent": return request.headers["User-Agent"]
        case "identity.apiKey": return apiKey?.value
        case "identity.apiKeyId": return apiKey?.id
        case "xrayTraceId": return identifiers.traceId
        default:
            if name.hasPrefix("identity.clientCert.") {
                // Mutual TLS (`TLSClientCertificate.field`): nil without a verified certificate.
                return connection.clientCertificate?.field(name.dropFirst("identity.clientCert.".count))
            }
            // `authorizer.principalId`, `authorizer.KEY`, `authorizer.claims.NAME` (`AuthorizerResult`).
            guard name.hasPrefix("authorizer.") else { return nil }
            return authorizer?.value(String(name.dropFirst("authorizer.".count)))
        }
    }

    /// The values a request mapping source yields: nil when absent, several for multi-value sources.
    /// Response-side sources (`integration.response.*`) yield nil here.
    package func values(of source: MappingSource) -> [String]? {
        switch source {
        case .literal(let text): return [text]
        case .methodPath(let name): return pathParameter(name).map { [$0] }
        case .methodQuerystring(let name): return query.last(name).map { [$0] }
        case .methodMultiValueQuerystring(let name):
            let values = query.all(name)
            return values.isEmpty ? nil : values
        case .methodHeader(let name): return lastHeader(name).map { [$0] }
        case .methodMultiValueHeader(let name):
            let values = forwardableHeaders.values(name)
            return values.isEmpty ? nil : values
        case .methodBody: return [String(decoding: request.body, as: UTF8.self)]
        case .methodBodyPath:
            // Read with the mapping's compiled JSONPath (`MappedRequestParameters`), never here.
            return nil
        case .stageVariable(let name): return stage.variables[name].map { [$0] }
        case .context(let name): return contextVariable(name).map { [$0] }
        case .integrationHeader, .integrationMultiValueHeader, .integrationBody, .integrationBodyPath:
            return nil
        }
    }

    /// The client headers integrations and mappings may see (reference §2.6 drop list applied).
    package var forwardableHeaders: HTTPHeaders {
        HeaderPolicy.forwardableRequestHeaders(request.headers)
    }

    /// The last value of a request header (AWS keeps the last of duplicates); nil for what never
    /// reaches an integration (the drop list, a SigV4 `Authorization`), as `forwardableHeaders`.
    package func lastHeader(_ name: String) -> String? {
        guard !HeaderPolicy.droppedFromRequestSet.contains(name), let value = request.headers.values(name).last,
              !HeaderPolicy.isSigV4Authorization((name, value)) else { return nil }
        return value
    }
}
