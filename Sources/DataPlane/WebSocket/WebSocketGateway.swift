import Synchronization
import Shared

/// WebSocket APIs on a node (docs/websocket.md, "Serving"): the upgrade and its `$connect`, the
/// sessions it hands connections to, message routing, `$disconnect`, the drain, and the
/// `@connections` management API (`WebSocketGateway+Management`).
///
/// One per node, shared by every loop. Thread-safe: the registry and the table of upgrades waiting
/// for their `101` are behind mutexes; each session lives on its connection's loop and is reached
/// from other threads only by hopping there (`LoopBound`).
///
/// Flow: a GET on `{apiId}.execute-api.…/{stage}` of a deployed WebSocket API → the opening
/// handshake checks (400/426) → a connection id → the `$connect` route's integration, when there
/// is one (a non-2xx answer refuses the upgrade with that status; a refused or failing
/// integration with 500) → `101`. The engine then hands the connection over on its loop
/// (`upgraded`), matched to its request by the peer's address and ports, and a
/// `WebSocketServerConnection` drives it. Each text message is routed by the stage's
/// `routeSelectionExpression` (binary messages go to `$default`); no route → AWS's `Forbidden`
/// error frame. A two-way route sends the integration's answer back.
package final class WebSocketGateway: Sendable {
    package let registry = WebSocketRegistry()
    let slots: ServingSlots
    let nodeTag: [UInt8]
    let sessionConfiguration: WebSocketSessionConfiguration
    /// Upgrades answered `101` and not yet handed over, with when (monotonic nanoseconds). An entry
    /// whose connection went away before its `101` was written is never taken: entries older than
    /// `pendingLifetime` are dropped at the next insert, so the table stays bounded.
    private let pending = Mutex<[PendingKey: (info: WebSocketConnectionInfo, at: UInt64)]>([:])
    static let pendingLifetime: UInt64 = 60_000_000_000
    private let throttles = Mutex<[ThrottleKey: TokenBucket]>([:])
    private let drain = Mutex<DrainState>(DrainState())

    struct PendingKey: Hashable {
        let address: String
        let port: Int
        let localPort: Int
    }

    private struct ThrottleKey: Hashable {
        let apiId: String
        let stage: String
        let routeKey: String
    }

    /// `$disconnect` calls in flight and whoever waits for the drain to finish.
    private struct DrainState {
        var draining = false
        /// The drain's time ran out: waiters are released at once.
        var gaveUp = false
        var disconnecting = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    package init(slots: ServingSlots, nodeId: String, sessionConfiguration: WebSocketSessionConfiguration = .aws) {
        self.slots = slots
        nodeTag = WebSocketConnectionId.tag(forNode: nodeId)
        self.sessionConfiguration = sessionConfiguration
    }

    // MARK: - Upgrade

    /// Serves `request` when its host names a deployed WebSocket API of `serving`; false otherwise
    /// (the caller goes on with HTTP and REST APIs). On the connection's loop.
    package func handle(_ request: HTTPRequest, context: HTTPRequestContext, serving: ServingConfiguration,
                        responder: HTTPResponder) -> Bool {
        let snapshot = serving.snapshot
        guard !snapshot.webSocketApis.isEmpty, let host = request.headers["Host"], let apiId = InvokeTarget.apiId(fromHost: host),
              let api = snapshot.webSocketApi(apiId) else { return false }
        let pipeline = serving.pipeline
        guard !api.executeApiEndpointDisabled else {
            responder.respond(Self.json(403, #"{"message":"Forbidden"}"#))
            return true
        }
        let segments = request.head.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if segments.count == 3, Array(segments)[1] == "@connections" {
            let parts = Array(segments)
            manage(request, api: api, stageName: String(parts[0]), connectionId: Self.percentDecoded(parts[2]), context: context,
                   serving: serving, responder: responder)
            return true
        }
        guard segments.count == 1 || (segments.count == 2 && segments.last?.isEmpty == true),
              let stageName = segments.first, let stage = api.stages[String(stageName)] else {
            responder.respond(Self.json(403, #"{"message":"Forbidden"}"#))
            return true
        }
        guard stage.refusal == nil else {
            responder.respond(Self.json(500, #"{"message":"Internal server error"}"#))
            return true
        }
        let acceptance: WebSocketOpeningHandshake.Acceptance
        do {
            acceptance = try WebSocketOpeningHandshake.accept(request.head)
        } catch {
            responder.respond(error.response)
            return true
        }
        let now = pipeline.clock()
        let identifiers = pipeline.identifierSource.identifiers(epochSeconds: now / 1000, incomingTraceId: request.headers["X-Amzn-Trace-Id"])
        let info = WebSocketConnectionInfo(
            connectionId: WebSocketConnectionId.make(tag: nodeTag), apiId: api.apiId, stageName: stage.stageName, domainName: host,
            connectedAtMillis: now, sourceIp: context.remoteAddress, userAgent: request.headers["User-Agent"],
            headers: request.headers, query: request.head.query)
        let key = PendingKey(address: context.remoteAddress, port: context.remotePort, localPort: context.localPort)
        let accept: @Sendable () -> Void = { [self] in
            remember(info, under: key)
            var response = HTTPResponse(head: acceptance.response)
            response.head.headers.add("x-amzn-RequestId", identifiers.requestId)
            responder.respond(response)
        }
        guard !isDraining else {
            responder.respond(Self.json(503, #"{"message":"Service Unavailable"}"#))
            return true
        }
        guard let route = stage.connectRoute else {
            accept()
            return true
        }
        if route.requiresIAM, let refusal = connectRefusal(request, api: api, stage: stage, context: context, serving: serving, now: now) {
            responder.respond(refusal)
            return true
        }
        let runConnect: @Sendable (WebSocketConnectionInfo) -> Void = { [self] info in
            let accept: @Sendable () -> Void = { [self] in
                remember(info, under: key)
                var response = HTTPResponse(head: acceptance.response)
                response.head.headers.add("x-amzn-RequestId", identifiers.requestId)
                responder.respond(response)
            }
            let call = WebSocketIntegrationCall(configuration: pipeline.configuration, invoker: pipeline.invoker)
            call.run(route.integration,
                     event: WebSocketLambdaEvent.make(.connect, routeKey: "$connect", info: info, requestId: identifiers.requestId,
                                                      extendedRequestId: identifiers.extendedRequestId, nowMillis: now),
                     message: [], identifiers: identifiers, apiId: api.apiId, nowMillis: now) { answer in
                guard let answer else { return responder.respond(Self.json(500, #"{"message":"Internal server error"}"#)) }
                guard (200..<300).contains(answer.status) else {
                    return responder.respond(Self.json(answer.status, answer.status == 403 ? #"{"message":"Forbidden"}"# : ""))
                }
                accept()
            }
        }
        guard let authorizer = route.authorizer else {
            runConnect(info)
            return true
        }
        authorize(authorizer, info: info, stage: stage, identifiers: identifiers, now: now, serving: serving) { outcome in
            switch outcome {
            case .success(let authorized): runConnect(authorized)
            case .failure(let refusal): responder.respond(refusal.response)
            }
        }
        return true
    }

    /// Keeps `info` for the connection whose `101` is about to be queued (dropping stale entries).
    private func remember(_ info: WebSocketConnectionInfo, under key: PendingKey) {
        let now = Syscall.monotonicNanos()
        pending.withLock { table in
            table = table.filter { now &- $0.value.at < Self.pendingLifetime }
            table[key] = (info, now)
        }
    }

    /// Takes over a connection answered `101` by `handle` (on its loop); one not expected is closed.
    package func upgraded(_ upgraded: HTTPUpgradedConnection) {
        guard let context = upgraded.context,
              let info = pending.withLock({ $0.removeValue(forKey: PendingKey(address: context.remoteAddress, port: context.remotePort,
                                                                                 localPort: context.localPort)) })?.info else {
            return upgraded.close()
        }
        let connection = WebSocketServerConnection(upgraded: upgraded, configuration: sessionConfiguration)
        let activity = WebSocketActivity(info.connectedAtMillis)
        let client = WebSocketClient(info: info, connection: connection, activity: activity, gateway: self)
        connection.delegate = client
        registry.insert(WebSocketRegistry.Entry(info: info, activity: activity, client: LoopBound(client, loop: upgraded.loop)))
        connection.start()
    }

    // MARK: - Messages

    /// A message from `client` (on its loop): route selection, throttle, the route's integration,
    /// and for a two-way route its answer back.
    func received(_ message: WebSocketMessage, from client: WebSocketClient) {
        let body: [UInt8]
        let binary: Bool
        switch message {
        case .text(let bytes): (body, binary) = (bytes, false)
        case .binary(let bytes): (body, binary) = (bytes, true)
        case .ping, .pong, .close: return
        }
        let info = client.info
        guard let serving = slots.current(on: client.connection.loop) else { return }
        let pipeline = serving.pipeline
        let now = pipeline.clock()
        client.activity.touch(now)
        let identifiers = pipeline.identifierSource.identifiers(epochSeconds: now / 1000, incomingTraceId: nil)
        guard let stage = serving.snapshot.webSocketApi(info.apiId[...])?.stages[info.stageName] else {
            // The stage is no longer deployed: the connection has nothing left to reach.
            return client.connection.close(WebSocketCloseFrame(code: .goingAway, reason: "Going away"))
        }
        let bound = LoopBound(client, loop: client.connection.loop)
        func reply(_ text: String) {
            _ = client.connection.send(WebSocketErrorFrame.text(text, connectionId: info.connectionId, requestId: identifiers.requestId))
        }
        guard let route = binary ? stage.defaultRoute : stage.route(forMessage: body) else { return reply(WebSocketErrorFrame.forbidden) }
        if let throttle = route.throttle, !admit(ThrottleKey(apiId: info.apiId, stage: info.stageName, routeKey: route.routeKey),
                                                 throttle, now: Syscall.monotonicNanos()) {
            return reply(WebSocketErrorFrame.tooManyRequests)
        }
        let call = WebSocketIntegrationCall(configuration: pipeline.configuration, invoker: pipeline.invoker)
        let twoWay = route.twoWay
        call.run(route.integration,
                 event: WebSocketLambdaEvent.make(.message(messageId: identifiers.extendedRequestId, body: body, binary: binary),
                                                  routeKey: route.routeKey, info: info, requestId: identifiers.requestId,
                                                  extendedRequestId: identifiers.extendedRequestId, nowMillis: now),
                 message: body, identifiers: identifiers, apiId: info.apiId, nowMillis: now) { answer in
            guard answer == nil || (twoWay && !(answer?.body.isEmpty ?? true)) else { return }
            let frame = answer?.body ?? WebSocketErrorFrame.text(WebSocketErrorFrame.internalServerError, connectionId: info.connectionId,
                                                                 requestId: identifiers.requestId)
            let loop = bound.loop
            if loop.inEventLoop {
                _ = bound.value.connection.send(frame)
            } else {
                loop.execute { _ = bound.value.connection.send(frame) }
            }
        }
    }

    /// The connection of `client` is gone (on its loop): out of the registry, then `$disconnect`.
    func closed(_ client: WebSocketClient, frame: WebSocketCloseFrame) {
        registry.remove(client.info.connectionId)
        let info = client.info
        guard let serving = slots.current(on: client.connection.loop),
              let route = serving.snapshot.webSocketApi(info.apiId[...])?.stages[info.stageName]?.disconnectRoute else {
            return noteDisconnected(started: false)
        }
        let pipeline = serving.pipeline
        let now = pipeline.clock()
        let identifiers = pipeline.identifierSource.identifiers(epochSeconds: now / 1000, incomingTraceId: nil)
        drain.withLock { $0.disconnecting += 1 }
        let call = WebSocketIntegrationCall(configuration: pipeline.configuration, invoker: pipeline.invoker)
        let code = Int(frame.code?.rawValue ?? 1005)
        call.run(route.integration,
                 event: WebSocketLambdaEvent.make(.disconnect(statusCode: code, reason: frame.reason), routeKey: "$disconnect", info: info,
                                                  requestId: identifiers.requestId, extendedRequestId: identifiers.extendedRequestId,
                                                  nowMillis: now),
                 message: [], identifiers: identifiers, apiId: info.apiId, nowMillis: now) { [self] _ in
            noteDisconnected(started: true)
        }
    }

    // MARK: - Throttle

    /// A per-node token bucket per stage route (`routeSettings`/`defaultRouteSettings` throttling).
    private func admit(_ key: ThrottleKey, _ limits: ThrottleLimits, now: UInt64) -> Bool {
        let limit = ThrottleLimit(rate: limits.rate.isFinite ? limits.rate : 1e12, burst: limits.burst == .max ? Int(Int32.max) : limits.burst)
        return throttles.withLock { buckets in
            if buckets[key] == nil || buckets[key]?.limit != limit {
                if var bucket = buckets[key] {
                    bucket.reconfigure(limit, now: now)
                    buckets[key] = bucket
                } else {
                    buckets[key] = TokenBucket(limit: limit, now: now)
                }
            }
            return buckets[key]!.take(now: now)
        }
    }

    // MARK: - Drain

    private var isDraining: Bool { drain.withLock { $0.draining } }

    /// Graceful drain (SIGTERM): refuses new upgrades (503), closes every connection with 1001
    /// "Going away" and returns once each one's `$disconnect` has run (or `limit` passed). A peer
    /// that has not answered our close within half of `limit` is cut off then, so its
    /// `$disconnect` still runs inside `limit` (the close handshake's own wait, 5 s, is as long as
    /// the default grace period: waiting it out left no time for `$disconnect`).
    package func drainConnections(within limit: Duration) async {
        drain.withLock { $0.draining = true }
        for entry in registry.all {
            let bound = entry.client
            bound.loop.execute { bound.value.connection.close(WebSocketCloseFrame(code: .goingAway, reason: "Going away")) }
        }
        let half = limit / 2
        if await waitUntilDrained(within: half) { return }
        drain.withLock { $0.gaveUp = false }
        for entry in registry.all {
            let bound = entry.client
            bound.loop.execute { bound.value.connection.abort() }
        }
        _ = await waitUntilDrained(within: limit - half)
    }

    /// Waits until no connection is left and no `$disconnect` is in flight: true, or false when
    /// `limit` passed first (then `gaveUp` is set and every waiter released; a waiter that comes
    /// late sees it and does not wait).
    private func waitUntilDrained(within limit: Duration) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { [self] in
                await withCheckedContinuation { continuation in
                    let done = drain.withLock { state -> Bool in
                        if state.gaveUp || (state.disconnecting == 0 && registry.count == 0) { return true }
                        state.waiters.append(continuation)
                        return false
                    }
                    if done { continuation.resume() }
                }
                return true
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return false
            }
            let drained = await group.next() ?? false
            let waiters = drain.withLock { state -> [CheckedContinuation<Void, Never>] in
                if !drained { state.gaveUp = true }
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume() }
            group.cancelAll()
            return drained
        }
    }

    private func noteDisconnected(started: Bool) {
        let waiters = drain.withLock { state -> [CheckedContinuation<Void, Never>] in
            if started { state.disconnecting -= 1 }
            guard state.disconnecting == 0, registry.count == 0 else { return [] }
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    // MARK: - Helpers

    static func json(_ status: Int, _ body: String) -> HTTPResponse {
        var headers = HTTPHeaders()
        if !body.isEmpty { headers.add("Content-Type", "application/json") }
        return HTTPResponse(status: status, headers: headers, body: Array(body.utf8))
    }

    /// `%XX` escapes decoded (ids are URL-encoded in the path: `=` as `%3D`); malformed ones kept.
    static func percentDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "%"), index + 2 < utf8.count, let value = Hex.decode(String(decoding: utf8[index + 1...index + 2], as: UTF8.self)) {
                bytes += value
                index += 3
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
