import ControlPlane
import Foundation
import Shared
import Synchronization

/// A control plane, data-plane nodes and a `tollgate echo` backend as real processes on
/// 127.0.0.1, plus clients to drive them. Everything lives under one temporary directory. With
/// `gossip`, the control plane and every node join the limits gossip on loopback UDP ports chosen
/// up front and kept across restarts (a port another test took in between is replaced by a fresh
/// one; the node advertises whichever it bound).
final class Cluster: Sendable {
    static let credentials = SigV4Credentials(accessKeyId: "AKIDENDTOEND00000001", secretAccessKey: "end-to-end-admin-secret")
    static let clusterSecret = "end-to-end-cluster-secret"

    let root: String
    let echo: TollgateProcess
    let lambda: LambdaInvokeServer?
    let group: EventLoopGroup
    let client: HTTPClient
    /// The control plane's and each node's gossip port (nil: no gossip).
    let controlPlaneGossipPort: Int?
    var nodeGossipPorts: [Int]? { state.withLock { $0.nodeGossipPorts } }
    private let state: Mutex<(controlPlane: TollgateProcess?, controlPlaneURL: String, nodes: [TollgateProcess?],
                              nodeGossipPorts: [Int]?)>

    private init(root: String, echo: TollgateProcess, lambda: LambdaInvokeServer?, controlPlane: TollgateProcess, nodes: Int,
                 controlPlaneGossipPort: Int?, nodeGossipPorts: [Int]?) {
        self.root = root
        self.echo = echo
        self.lambda = lambda
        self.controlPlaneGossipPort = controlPlaneGossipPort
        group = EventLoopGroup(threads: 1)
        client = HTTPClient(group: group)
        state = Mutex((controlPlane, "http://127.0.0.1:\(controlPlane.port)", Array(repeating: nil, count: nodes), nodeGossipPorts))
    }

    /// Starts echo, the control plane and `nodes` nodes (all polling it); `lambda` becomes every
    /// node's `--lambda-endpoint`; `nodeArguments[i]` is added to node i's command line.
    /// With `gossip` and `controlPlaneGossipFlag` false, the control plane gets no `--gossip` flag
    /// and gossips by its default (the listen port's number, a free port for listen port 0).
    static func start(nodes: Int = 3, lambda: LambdaInvokeServer.Function? = nil, gossip: Bool = false,
                      controlPlaneGossipFlag: Bool = true, nodeArguments: [Int: [String]] = [:],
                      controlPlaneArguments: [String] = []) async throws -> Cluster {
        let root = NSTemporaryDirectory() + "tollgate-e2e-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let echo = try await TollgateProcess.start("echo", ["echo", "--listen", "127.0.0.1:0", "--threads", "1"],
                                                  logPath: root + "/echo.log", listeningPattern: #"listening on 127\.0\.0\.1:(\d+)"#)
        let controlPlaneGossipPort = gossip && controlPlaneGossipFlag ? try freeUDPPort() : nil
        let nodeGossipPorts = gossip ? try (0..<nodes).map { _ in try freeUDPPort() } : nil
        // Before the control plane, which gets the same `--lambda-endpoint` (TestInvokeAuthorizer and
        // TestInvokeMethod call what a node calls).
        let server = try lambda.map { try LambdaInvokeServer(function: $0) }
        let controlPlane = try await startControlPlane(root: root, port: 0, gossipPort: controlPlaneGossipPort, lambdaURL: server?.url,
                                                       extraArguments: controlPlaneArguments)
        let cluster = Cluster(root: root, echo: echo, lambda: server, controlPlane: controlPlane, nodes: nodes,
                              controlPlaneGossipPort: controlPlaneGossipPort, nodeGossipPorts: nodeGossipPorts)
        for index in 0..<nodes { try await cluster.startNode(index, extraArguments: nodeArguments[index] ?? []) }
        return cluster
    }

    // MARK: - Processes

    /// A free loopback UDP port (bound, read and released: another test's process can take it in
    /// between, which CI has seen; `startNode` then retries on a fresh one).
    static func freeUDPPort() throws -> Int {
        let socket = try UDPSocket(bindingTo: SocketAddress(ipLiteral: "127.0.0.1", port: 0)!)
        defer { socket.close() }
        return socket.localAddress.port
    }

    private static func startControlPlane(root: String, port: Int, gossipPort: Int?, lambdaURL: String?,
                                          extraArguments: [String] = []) async throws -> TollgateProcess {
        try await TollgateProcess.start(
            "control-plane",
            ["control-plane", "--listen", "127.0.0.1:\(port)", "--data-dir", root + "/control-plane",
             "--admin-access-key-id", credentials.accessKeyId, "--admin-secret-access-key", credentials.secretAccessKey,
             "--cluster-secret", clusterSecret, "--threads", "1"] + (gossipPort.map { ["--gossip", "127.0.0.1:\($0)"] } ?? [])
                + (lambdaURL.map { ["--lambda-endpoint", $0] } ?? []) + extraArguments,
            logPath: root + "/control-plane-\(UUID().uuidString.prefix(8)).log",
            listeningPattern: #"admin API listening on http://127\.0\.0\.1:(\d+)"#)
    }

    var controlPlaneURL: String { state.withLock { $0.controlPlaneURL } }

    /// SIGKILLs the control plane (no graceful anything).
    func killControlPlane() {
        state.withLock { $0.controlPlane }?.kill()
    }

    /// Starts a control plane on the same data directory at `port` (0: any) and points later node
    /// starts at it.
    func restartControlPlane(port: Int) async throws {
        let process = try await Self.startControlPlane(root: root, port: port, gossipPort: controlPlaneGossipPort, lambdaURL: lambda?.url)
        state.withLock {
            $0.controlPlane = process
            $0.controlPlaneURL = "http://127.0.0.1:\(process.port)"
        }
    }

    func stateDirectory(_ index: Int) -> String { root + "/node-\(index)" }

    /// Starts node `index` (replacing a stopped one) against `controlPlane` (default: the current URL),
    /// with `extraArguments` added to its command line.
    @discardableResult
    func startNode(_ index: Int, controlPlane: String? = nil, extraArguments: [String] = []) async throws -> TollgateProcess {
        var arguments = ["data-plane", "--listen", "127.0.0.1:0", "--control-plane", controlPlane ?? controlPlaneURL,
                         "--state-dir", stateDirectory(index), "--node-id", "node-\(index)", "--cluster-secret", Self.clusterSecret,
                         "--threads", "2"]
        if let lambda { arguments += ["--lambda-endpoint", lambda.url] }
        arguments += extraArguments
        // The gossip port was free when chosen; a parallel test may have bound it since. Bounded retries.
        for attempt in 1... {
            let gossip = nodeGossipPorts.map { ["--gossip", "127.0.0.1:\($0[index])"] } ?? []
            do {
                let process = try await TollgateProcess.start(
                    "node-\(index)", arguments + gossip, logPath: root + "/node-\(index)-\(UUID().uuidString.prefix(8)).log",
                    listeningPattern: #"data plane listening on http://127\.0\.0\.1:(\d+)"#)
                state.withLock { $0.nodes[index] = process }
                return process
            } catch let error as ProcessError where attempt < 4 && !gossip.isEmpty
                        && error.description.contains("Address already in use") {
                let fresh = try Self.freeUDPPort()
                state.withLock { $0.nodeGossipPorts?[index] = fresh }
            }
        }
        fatalError("unreachable: the loop returns or throws")
    }

    func node(_ index: Int) -> TollgateProcess { state.withLock { $0.nodes[index]! } }
    var nodeCount: Int { state.withLock { $0.nodes.count } }
    var nodePorts: [Int] { state.withLock { $0.nodes.compactMap { $0?.port } } }

    /// Stops every process, the Lambda server and the clients, and removes the directory (kept
    /// when `keepFiles`, for post-mortems).
    func stop(keepFiles: Bool = false) async {
        let (controlPlane, nodes) = state.withLock { ($0.controlPlane, $0.nodes) }
        for node in nodes.compactMap({ $0 }) where node.isRunning { await node.stop() }
        if let controlPlane, controlPlane.isRunning { await controlPlane.stop() }
        if echo.isRunning { await echo.stop() }
        await lambda?.stop()
        await client.shutdown()
        group.shutdown()
        if !keepFiles { try? FileManager.default.removeItem(atPath: root) }
    }

    // MARK: - Clients

    /// An admin client for the current control plane.
    var admin: AdminClient {
        AdminClient(endpoint: HTTPEndpointAddress(controlPlaneURL)!, credentials: Self.credentials, client: client)
    }

    /// Sends a request to the node listening on `port`; `host` defaults to `127.0.0.1:PORT`.
    func send(port: Int, _ target: String, method: HTTPMethod = .GET, host: String? = nil, headers: [(String, String)] = [],
              body: [UInt8] = [], timeout: Duration = .seconds(10)) async throws -> HTTPResponse {
        var fields = HTTPHeaders([("Host", host ?? "127.0.0.1:\(port)")])
        for (name, value) in headers { fields.add(name, value) }
        return try await client.execute(HTTPClientRequest(host: "127.0.0.1", port: port, method: method, target: target,
                                                          headers: fields, body: body, connectTimeout: .seconds(5),
                                                          responseTimeout: timeout))
    }

    /// `send` with the invoke-URL host of `apiId` (`{apiId}.execute-api.localhost:PORT`).
    func invoke(port: Int, apiId: String, _ target: String, method: HTTPMethod = .GET, headers: [(String, String)] = [],
                body: [UInt8] = [], timeout: Duration = .seconds(10)) async throws -> HTTPResponse {
        try await send(port: port, target, method: method, host: "\(apiId).execute-api.localhost:\(port)", headers: headers, body: body,
                       timeout: timeout)
    }

    /// Polls `condition` on every node until all satisfy it or `timeout` passes; returns the elapsed
    /// time, or nil on timeout. Each round sends one request per node still pending.
    func untilEveryNode(within timeout: Duration, _ condition: @Sendable (Int) async -> Bool) async -> Duration? {
        let started = ContinuousClock.now
        var pending = Set(nodePorts)
        while ContinuousClock.now - started < timeout {
            for port in pending where await condition(port) { pending.remove(port) }
            if pending.isEmpty { return ContinuousClock.now - started }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return nil
    }
}

extension HTTPResponse {
    var text: String { String(decoding: body, as: UTF8.self) }
    var json: [String: Any] { ((try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]) ?? [:] }
}
