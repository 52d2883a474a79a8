#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import DataPlane
@testable import Shared

/// The node's body memory budget (`--max-buffered-body-bytes`) seen from raw sockets.
@Suite(.timeLimit(.minutes(1))) struct DataPlaneNodeMemoryTests {
    /// A connected loopback socket that has sent `bytes` and is kept open; -1 when it failed.
    static func openAndSend(_ bytes: [UInt8], port: Int) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return -1 }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        // Safe: `address` is a sockaddr_in of the size passed.
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0, bytes.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == bytes.count else {
            close(fd)
            return -1
        }
        return fd
    }

    /// Waits (at most 20 s: the whole suite may share two cores) until `condition` holds.
    static func eventually(_ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return condition()
    }

    static func head(declaring length: Int) -> String {
        "POST /prod/upload HTTP/1.1\r\nHost: \(SyncFixtures.apiId).execute-api.localhost\r\nContent-Length: \(length)\r\n\r\n"
    }

    @Test func manyHeadsDeclaringTenMiBKeepTheNodesReservationSmall() async throws {
        let directory = SyncFixtures.temporaryDirectory()
        let deadPort = try await DataPlaneNodeTests.unreachableControlPlanePort()
        let node = try DataPlaneNode(configuration: DataPlaneNodeTests.configuration(controlPlanePort: deadPort, directory: directory, logs: LogLines()))
        let port = try node.start()
        let count = 300
        let request = Array((Self.head(declaring: RequestPipeline.maxPayloadBytes) + String(repeating: "x", count: 100)).utf8)
        var fds: [Int32] = []
        for _ in 0..<count {
            let fd = Self.openAndSend(request, port: port)
            #expect(fd >= 0)
            if fd >= 0 { fds.append(fd) }
        }
        // Every connection has had its first bytes read (each holds at least one first allocation).
        #expect(await Self.eventually { node.bodyBudget.usedBytes >= fds.count * BodyAccumulator.minimumCapacity })
        // 300 × 10 MiB declared (3 GB); what is reserved is one first allocation per connection.
        #expect(node.bodyBudget.usedBytes <= fds.count * 2 * BodyAccumulator.minimumCapacity)
        for fd in fds { close(fd) }
        #expect(await Self.eventually { node.bodyBudget.usedBytes == 0 },
                "closed connections give their reservations back (\(node.bodyBudget.usedBytes) bytes left)")
        await node.shutdown()
        SyncFixtures.remove(directory)
    }

    @Test func aBodyTheNodeHasNoRoomForGetsAPIGateways503() async throws {
        let directory = SyncFixtures.temporaryDirectory()
        let deadPort = try await DataPlaneNodeTests.unreachableControlPlanePort()
        var configuration = DataPlaneNodeTests.configuration(controlPlanePort: deadPort, directory: directory, logs: LogLines())
        configuration.maxBufferedBodyBytes = 64 * 1024
        let node = try DataPlaneNode(configuration: configuration)
        let port = try node.start()
        let request = Array((Self.head(declaring: 200_000) + String(repeating: "x", count: 200_000)).utf8)
        let answer = try #require(RawExchange.send(request, toPort: port))
        let response = try #require(RawExchange.response(answer))
        #expect(response.status == 503)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"message":"Service Unavailable"}"#)
        #expect(response.headers["x-amzn-ErrorType"] == "ServiceUnavailableException")
        #expect(response.headers["x-amzn-RequestId"] != nil)
        #expect(response.headers["Connection"] == "close")
        #expect(await Self.eventually { node.bodyBudget.usedBytes == 0 })
        await node.shutdown()
        SyncFixtures.remove(directory)
    }
}
