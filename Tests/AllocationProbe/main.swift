// Allocations per request on the proxy path and on a MOCK route (issue 11), counted by the
// CAllocationCounter allocator this executable alone links. Run by AllocationTests, which asserts
// thresholds; a process of its own so no other test's allocations are counted.
//
// In one process: a `tollgate echo` backend (Echo's handler on its own loop), a DataPlaneNode with
// one event-loop thread booted from a disk-cached snapshot (an HTTP_PROXY `{proxy+}` route to the
// echo and a MOCK route; the control plane is unreachable and polls back off for ten minutes, so no
// poll runs while counting), and a driver on the main thread sending keep-alive GETs over one
// connection. The driver's and the echo's threads are excluded: what is counted is the node's work,
// its upstream client included. Prints one line per route:
//   proxy <allocations/request> <frees/request>
//   mock <allocations/request> <frees/request>
import CAllocationCounter
import Echo
import DataPlane
import Shared
import Synchronization
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

let warmRequests = 200
let countedRequests = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 2000

func fail(_ message: String) -> Never {
    let line = Array("allocation probe: \(message)\n".utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(1)
}

tollgate_allocation_counter_exclude_current_thread()

// MARK: - Echo backend, its loop excluded

let echoGroup = EventLoopGroup(threads: 1)
let excluded = Mutex(false)
echoGroup.loops[0].execute {
    tollgate_allocation_counter_exclude_current_thread()
    excluded.withLock { $0 = true }
}
while !excluded.withLock({ $0 }) { usleep(1000) }
let echo = HTTPServer(configuration: .init(host: "127.0.0.1", port: 0), group: echoGroup, handler: EchoHandler())
let echoPort: Int
do { echoPort = try echo.start() } catch { fail("echo did not start: \(error)") }

// MARK: - Node, booted from the disk cache

let apiId = "allocprobe"
let proxyMethod = Method(httpMethod: "ANY", requestParameters: ["method.request.path.proxy": true],
                         methodIntegration: Integration(type: "HTTP_PROXY", httpMethod: "ANY",
                                                        uri: "http://127.0.0.1:\(echoPort)/{proxy}",
                                                        requestParameters: ["integration.request.path.proxy": "method.request.path.proxy"]))
let mockMethod = Method(httpMethod: "GET", methodResponses: ["200": MethodResponse(statusCode: "200")],
                        methodIntegration: Integration(type: "MOCK", requestTemplates: ["application/json": #"{"statusCode": 200}"#],
                                                       integrationResponses: ["200": IntegrationResponse(
                                                           statusCode: "200", responseTemplates: ["application/json": "ok"])]))
var proxyResource = Resource(id: "proxy00001", parentId: "root000001", pathPart: "{proxy+}", path: "/{proxy+}")
proxyResource.resourceMethods = ["ANY": proxyMethod]
var mockResource = Resource(id: "mock000001", parentId: "root000001", pathPart: "m", path: "/m")
mockResource.resourceMethods = ["GET": mockMethod]
let content = DeploymentContent(api: RestApi(id: apiId, name: "allocation-probe", createdDate: 0, rootResourceId: "root000001"),
                                resources: [Resource(id: "root000001", path: "/"), proxyResource, mockResource])
let stage = SnapshotStage(restApiId: apiId, stage: Stage(deploymentId: "dep1", stageName: "prod", createdDate: 0, lastUpdatedDate: 0),
                          deployment: content)
let snapshot = Snapshot(revision: 1, stages: [stage], apiKeys: [], usagePlans: [], account: Account(), nodes: [])

var template = Array("/tmp/tollgate-allocation-probe-XXXXXX".utf8CString)
guard let made = mkdtemp(&template) else { fail("mkdtemp failed") }
let directory = String(cString: made)
do { try SnapshotDiskCache(directory: directory).write(SnapshotCodec.encode(snapshot)) } catch { fail("\(error)") }

/// A loopback port nothing listens on: bound, then closed.
func closedPort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length); return getsockname(fd, $0, &length) }
    }
    close(fd)
    return Int(UInt16(bigEndian: address.sin_port))
}

let node: DataPlaneNode
let nodePort: Int
do {
    node = try DataPlaneNode(configuration: .init(
        controlPlane: HTTPEndpointAddress(host: "127.0.0.1", port: closedPort()), stateDirectory: directory, nodeId: "allocation-probe",
        clusterSecret: "probe-secret", threads: 1,
        pollTiming: .init(backoffBase: .seconds(600), backoffCap: .seconds(600))))
    nodePort = try node.start()
} catch { fail("node did not start: \(error)") }

// MARK: - Driver (this thread, excluded)

/// One keep-alive connection to the node (TestSupport's blocking socket, 10 s receive timeout).
guard let socket = RawSocket.connect(port: nodePort, receiveTimeoutMillis: 10_000) else { fail("cannot connect to the node") }

/// The status of the answer to `GET path` with `Host: host`.
func get(_ path: String, host: String) -> Int {
    socket.send("GET \(path) HTTP/1.1\r\nHost: \(host)\r\nUser-Agent: allocation-probe\r\nAccept: */*\r\n\r\n")
    guard let response = socket.readResponses([.GET]).first else { fail("the node closed the connection or timed out") }
    return response.status
}

func twoDecimals(_ value: Double) -> String {
    let hundredths = Int((value * 100).rounded())
    let fraction = hundredths % 100
    return "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
}

let host = "\(apiId).execute-api.localhost"
// The disk cache is applied off the loop: wait (bounded) until the route answers.
var ready = false
for _ in 0..<500 where !ready {
    ready = get("/prod/m", host: host) == 200
    if !ready { usleep(10_000) }
}
guard ready else { fail("the node never served the snapshot") }

for (name, path) in [("proxy", "/prod/bytes/64"), ("mock", "/prod/m")] {
    for _ in 0..<warmRequests where get(path, host: host) != 200 { fail("\(name): warm-up request failed") }
    tollgate_allocation_counter_start()
    for _ in 0..<countedRequests where get(path, host: host) != 200 { fail("\(name): request failed") }
    tollgate_allocation_counter_stop()
    let allocations = Double(tollgate_allocation_counter_allocations()) / Double(countedRequests)
    let frees = Double(tollgate_allocation_counter_frees()) / Double(countedRequests)
    print(name, twoDecimals(allocations), twoDecimals(frees))
}
unlink(SnapshotDiskCache(directory: directory).filePath)
rmdir(directory)
exit(0)
