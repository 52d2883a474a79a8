import Shared

/// What an access log line's request-side variables read: a routed request (`Invocation`) or one
/// that matched no resource of its stage (`UnroutedRequest`).
///
/// `AccessLogProgram.render` is generic over it, so the subject is borrowed for the whole line: a
/// closure over the invocation made the completion hook copy it, retaining and releasing every
/// reference it holds (~1,200 instructions a line, bench/observability-instructions.sh).
protocol AccessLogSubject {
    var requestTimeEpochMillis: Int64 { get }
    /// The value of a variable only the request knows (`record` for the step that refused); nil
    /// renders `-`. Variables of the request's end (`status`, `integration.*`, …) are not asked.
    func accessLogValue(_ variable: AccessLogVariable, _ record: CompletionRecord) -> String?
}

extension Invocation: AccessLogSubject {
    func accessLogValue(_ variable: AccessLogVariable, _ record: CompletionRecord) -> String? {
        switch variable {
        case .requestId: return identifiers.requestId
        case .extendedRequestId: return identifiers.extendedRequestId
        case .sourceIp: return sourceIp
        case .httpMethod: return request.method.rawValue
        case .resourcePath: return route.resourcePath
        case .path: return contextPath
        case .protocol: return request.head.version.description
        case .requestTime: return RequestTime.format(epochMillis: requestTimeEpochMillis)
        case .requestTimeEpoch: return String(requestTimeEpochMillis)
        case .apiId: return stage.restApiId
        case .stage: return stage.stageName
        case .authorizerIntegrationLatency:
            // Served for an authorizer that established an identity (0 from the cache) or a Lambda call that answered.
            return authorizer == nil && authSteps.authorizerInvokeStatus == 0 ? nil : String(authorizerLatencyMillis)
        case .authorizerIntegrationStatus:
            let status = authSteps.authorizerInvokeStatus
            return status == 0 ? nil : String(status)
        case .authorizerRequestId: return authSteps.authorizerInvokeHeaders?["x-amzn-RequestId"]
        case .authorizer(let key): return authorizer?.value(key)
        case .authStep(let step, let field): return Self.value(step, field, authSteps, record)
        case .iamIdentity(let field):
            guard let caller = iamCaller else { return nil }
            switch field {
            case .userArn: return caller.userArn
            case .accessKey: return caller.accessKey
            case .user: return caller.user
            case .caller: return caller.caller
            case .accountId: return caller.accountId
            }
        case .context(let name): return contextVariable(name)
        case .basePathMatched: return basePathMatched
        default: return nil
        }
    }

    /// `authenticate.*`, `authorize.*`, `authorizer.{status,latency,error}`: `-` for a step that did
    /// not run; the error only for the step that refused (its error answered the request).
    private static func value(_ step: AccessLogVariable.AuthStep, _ field: AccessLogVariable.StepField, _ steps: AuthStepRecord,
                              _ record: CompletionRecord) -> String? {
        let recorded: AuthStepRecord.Step
        switch step {
        case .authenticate: recorded = steps.authenticate
        case .authorize: recorded = steps.authorize
        case .authorizer: recorded = steps.authorizer
        }
        guard recorded.ran else { return nil }
        switch field {
        case .status: return String(recorded.status)
        case .latency: return String(recorded.latencyMillis)
        case .error: return recorded.refused ? record.error?.message : nil
        }
    }
}

/// An unrouted request: no route, authorizer or API key; the source IP is the socket's peer (no
/// filter evaluated `X-Forwarded-For`).
extension UnroutedRequest: AccessLogSubject {
    func accessLogValue(_ variable: AccessLogVariable, _ record: CompletionRecord) -> String? {
        switch variable {
        case .requestId: return identifiers.requestId
        case .extendedRequestId: return identifiers.extendedRequestId
        case .sourceIp: return connection.remoteAddress
        case .httpMethod: return request.method.rawValue
        case .path: return basePathMatched == nil ? "/\(stage.stageName)\(path)" : String(request.head.path)
        case .basePathMatched: return basePathMatched
        case .protocol: return request.head.version.description
        case .requestTime: return RequestTime.format(epochMillis: requestTimeEpochMillis)
        case .requestTimeEpoch: return String(requestTimeEpochMillis)
        case .apiId: return stage.restApiId
        case .stage: return stage.stageName
        case .context(let name):
            switch name {
            case "accountId": return accountId
            case "deploymentId": return stage.deploymentId
            case "domainName": return Invocation.hostWithoutPort(request.headers["Host"] ?? "")
            case "identity.userAgent": return request.headers["User-Agent"]
            case "xrayTraceId": return identifiers.traceId
            default:
                guard name.hasPrefix("identity.clientCert.") else { return nil }
                return connection.clientCertificate?.field(name.dropFirst("identity.clientCert.".count))
            }
        default: return nil
        }
    }
}
