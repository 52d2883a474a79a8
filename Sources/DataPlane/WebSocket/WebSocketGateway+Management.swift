import Synchronization
import Shared

/// The `@connections` management API (`apigatewaymanagementapi`) on the owning node:
/// `POST/GET/DELETE https://{apiId}.execute-api.{domain}/{stage}/@connections/{connectionId}`.
///
/// Every call is SigV4-signed for `execute-api` (as AWS requires) and verified as the REST
/// `AWS_IAM` path verifies (`SigV4Verifier` over the snapshot's IAM keys, 5-minute skew; a
/// refused signature answers as there: 403 with `x-amzn-ErrorType`); the signer's identity
/// policies must allow `execute-api:ManageConnections` on
/// `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/@connections/{id}` (else 403
/// `ForbiddenException`). Then: an id this node does not hold (unknown, closed, another stage's, or
/// owned by another node — forwarding is not built yet) → 410 `GoneException`; PostToConnection
/// over 128 KiB → 413 `PayloadTooLargeException`, a client whose outbound queue is full → 429
/// `LimitExceededException`, else the data as one frame (text when UTF-8, else binary) and 200;
/// GetConnection → `connectedAt`, `identity{sourceIp,userAgent}`, `lastActiveAt`; DeleteConnection
/// → close 1000 and 204.
extension WebSocketGateway {
    static let maxPostBytes = 128 * 1024
    static let manageAction = "execute-api:ManageConnections"

    func manage(_ request: HTTPRequest, api: CompiledWebSocketApi, stageName: String, connectionId: String, context: HTTPRequestContext,
                serving: ServingConfiguration, responder: HTTPResponder) {
        let configuration = serving.pipeline.configuration
        let now = serving.pipeline.clock()
        let method = request.method.rawValue
        guard ["POST", "GET", "DELETE"].contains(method) else {
            return responder.respond(Self.json(403, #"{"message":"Missing Authentication Token"}"#, type: "MissingAuthenticationTokenException"))
        }
        // Authentication and authorization, before anything about the connection is said.
        let access = ManagementAccess.of(serving)
        let signer: SigV4Identity
        switch access.verifier.verify(request, now: now / 1000) {
        case .success(let verified): signer = verified
        case .failure(let error): return responder.respond(GatewayError.signatureRefused(error).response)
        }
        guard signer.securityToken == nil, let key = access.principals.key(signer.accessKeyId) else {
            return responder.respond(GatewayError.signatureRefused(.unrecognizedClient).response)
        }
        let resource = ExecuteApiArn.method(region: configuration.region, account: configuration.accountId, apiId: api.apiId,
                                            stage: stageName, method: method, path: "@connections/" + connectionId)
        var policyContext = PolicyContext()
        policyContext.set("aws:SourceIp", context.remoteAddress)
        policyContext.setTime(epochSeconds: now / 1000)
        policyContext.set("aws:SecureTransport", context.isTLS ? "true" : "false")
        let decision = IAMPrincipalIndex.decision(of: key.principal, for: PolicyRequest(
            principal: .aws(arn: key.principal.arn, account: key.principal.accountId), action: Self.manageAction, resource: resource,
            context: policyContext))
        guard decision == .allow else {
            return responder.respond(Self.json(403, #"{"message":"Forbidden"}"#, type: "ForbiddenException"))
        }
        guard let entry = registry.entry(connectionId), entry.info.apiId == api.apiId, entry.info.stageName == stageName else {
            return responder.respond(Self.gone)
        }
        switch method {
        case "GET":
            let body = JSONValue.object([
                ("connectedAt", .string(Self.iso8601(entry.info.connectedAtMillis))),
                ("identity", .object([("sourceIp", .string(entry.info.sourceIp)), ("userAgent", .stringOrNull(entry.info.userAgent))])),
                ("lastActiveAt", .string(Self.iso8601(entry.activity.lastActiveMillis))),
            ]).serialized()
            responder.respond(Self.json(200, body))
        case "DELETE":
            let bound = entry.client
            bound.loop.execute {
                guard bound.value.connection.isOpen else { return responder.respond(Self.gone) }
                bound.value.connection.close(WebSocketCloseFrame(code: .normal))
                responder.respond(HTTPResponse(status: 204))
            }
        default:
            guard request.body.count <= Self.maxPostBytes else {
                return responder.respond(Self.json(413, #"{"message":"Message too long"}"#, type: "PayloadTooLargeException"))
            }
            let data = request.body
            var validator = WebSocketUTF8Validator()
            let binary = !(validator.validate(data[...]) && validator.isComplete)
            let bound = entry.client
            bound.loop.execute {
                switch bound.value.connection.send(data, binary: binary) {
                case .queued: responder.respond(HTTPResponse(status: 200))
                case .closed: responder.respond(Self.gone)
                case .overloaded:
                    responder.respond(Self.json(429, #"{"message":"Rate exceeded"}"#, type: "LimitExceededException"))
                }
            }
        }
    }

    /// AWS_IAM on `$connect`: nil when the upgrade is signed (`execute-api`, the snapshot's IAM keys)
    /// by a caller whose identity policies allow `execute-api:Invoke` on
    /// `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/$connect`; else the refusal (a bad or
    /// missing signature as REST's AWS_IAM answers it, a denied caller 403 Forbidden).
    func connectRefusal(_ request: HTTPRequest, api: CompiledWebSocketApi, stage: CompiledWebSocketStage, context: HTTPRequestContext,
                        serving: ServingConfiguration, now: Int64) -> HTTPResponse? {
        let configuration = serving.pipeline.configuration
        let access = ManagementAccess.of(serving)
        let signer: SigV4Identity
        switch access.verifier.verify(request, now: now / 1000) {
        case .success(let verified): signer = verified
        case .failure(let error): return GatewayError.signatureRefused(error).response
        }
        guard signer.securityToken == nil, let key = access.principals.key(signer.accessKeyId) else {
            return GatewayError.signatureRefused(.unrecognizedClient).response
        }
        let resource = ExecuteApiArn.api(region: configuration.region, account: configuration.accountId, apiId: api.apiId)
            + "/\(stage.stageName)/$connect"
        var policyContext = PolicyContext()
        policyContext.set("aws:SourceIp", context.remoteAddress)
        policyContext.setTime(epochSeconds: now / 1000)
        policyContext.set("aws:SecureTransport", context.isTLS ? "true" : "false")
        let decision = IAMPrincipalIndex.decision(of: key.principal, for: PolicyRequest(
            principal: .aws(arn: key.principal.arn, account: key.principal.accountId), action: ExecuteApiArn.invokeAction,
            resource: resource, context: policyContext))
        return decision == .allow ? nil : Self.json(403, #"{"message":"Forbidden"}"#, type: "AccessDeniedException")
    }

    static var gone: HTTPResponse { json(410, "{}", type: "GoneException") }

    static func json(_ status: Int, _ body: String, type: String) -> HTTPResponse {
        var response = json(status, body)
        response.head.headers.add("x-amzn-ErrorType", type)
        return response
    }

    /// `2026-12-06T21:30:00.123Z`.
    static func iso8601(_ millis: Int64) -> String {
        let seconds = millis / 1000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let inDay = seconds - days * 86_400
        let date = CivilDate(daysSinceEpoch: days)
        func two(_ value: Int64) -> String { CivilDate.zeroPadded(value, width: 2) }
        return "\(date.isoDate)T\(two(inDay / 3600)):\(two(inDay / 60 % 60)):\(two(inDay % 60)).\(CivilDate.zeroPadded(millis % 1000, width: 3))Z"
    }
}

/// The snapshot's IAM keys and the `execute-api` verifier, opened once per snapshot (opening
/// sealed keys is not per-request work) and kept for the snapshot in use.
final class ManagementAccess: Sendable {
    let principals: IAMPrincipalIndex
    let verifier: SigV4Verifier

    private init(_ serving: ServingConfiguration) {
        let principals = IAMPrincipalIndex(serving.snapshot.iam, seal: serving.pipeline.configuration.secretSeal)
        self.principals = principals
        verifier = SigV4Verifier(credentials: { principals.key($0)?.secret }, clock: { 0 },
                                 service: "execute-api", region: serving.pipeline.configuration.region,
                                 signingKeys: principals.signingKeys)
    }

    /// The last configuration asked about (held, so its identity cannot be reused) and its access.
    private static let cache = Mutex<(ServingConfiguration, ManagementAccess)?>(nil)

    static func of(_ serving: ServingConfiguration) -> ManagementAccess {
        if let cached = cache.withLock({ $0 }), cached.0 === serving { return cached.1 }
        let access = ManagementAccess(serving)
        cache.withLock { $0 = (serving, access) }
        return access
    }
}
