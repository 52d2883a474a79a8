#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import Shared

/// The plain transport over a non-blocking socket pair: what the connection shells rely on.
@Suite("PlainTransport")
struct PlainTransportTests {
    /// A connected, non-blocking pair of stream sockets.
    static func pair() -> (PlainTransport, PlainTransport) {
        var fds: [Int32] = [0, 0]
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
        precondition(socketpair(AF_UNIX, type, 0, &fds) == 0)
        return (PlainTransport(fd: fds[0]), PlainTransport(fd: fds[1]))
    }

    static func read(_ transport: PlainTransport, _ capacity: Int = 64) throws -> (TransportResult, [UInt8]) {
        var bytes = [UInt8](repeating: 0, count: capacity)
        let result = try bytes.withUnsafeMutableBytes { raw throws(SyscallError) in try transport.read(into: raw) }
        if case .bytes(let count) = result { return (result, Array(bytes[0..<count])) }
        return (result, [])
    }

    @Test func theHandshakeIsDoneAtOnce() throws {
        let (a, b) = Self.pair()
        defer { a.close(); b.close() }
        #expect(try a.handshake() == .bytes(0))
    }

    @Test func aReadWithNothingAvailableWaitsForReadable() throws {
        let (a, b) = Self.pair()
        defer { a.close(); b.close() }
        #expect(try Self.read(a).0 == .wouldBlock(.readable))
    }

    @Test func bytesWrittenOnOneSideAreReadOnTheOther() throws {
        let (a, b) = Self.pair()
        defer { a.close(); b.close() }
        let sent = Array("hello".utf8)
        #expect(try sent.withUnsafeBytes { raw throws(SyscallError) in try a.write(raw) } == .bytes(5))
        let (result, received) = try Self.read(b)
        #expect(result == .bytes(5))
        #expect(received == sent)
    }

    @Test func aFullSocketBufferMakesWritesWaitForWritable() throws {
        let (a, b) = Self.pair()
        defer { a.close(); b.close() }
        let chunk = [UInt8](repeating: 1, count: 64 * 1024)
        var last = TransportResult.bytes(0)
        for _ in 0..<1000 {
            last = try chunk.withUnsafeBytes { raw throws(SyscallError) in try a.write(raw) }
            if case .wouldBlock = last { break }
        }
        #expect(last == .wouldBlock(.writable))
    }

    @Test func shutdownWriteEndsThePeersStreamAndKeepsReading() throws {
        let (a, b) = Self.pair()
        defer { a.close(); b.close() }
        #expect(try a.shutdownWrite() == .bytes(0))
        #expect(try Self.read(b).0 == .bytes(0))
        let sent = Array("late".utf8)
        _ = try sent.withUnsafeBytes { raw throws(SyscallError) in try b.write(raw) }
        #expect(try Self.read(a).1 == sent)
    }

    @Test func theOutboundQueueWritesThroughATransport() throws {
        let (a, b) = Self.pair()
        defer { a.close(); b.close() }
        var queue = OutboundQueue()
        queue.append(Array("head ".utf8))
        queue.append([UInt8](repeating: 2, count: OutboundQueue.copyThreshold))
        let expected = queue.pendingBytes
        var total = 0
        while !queue.isEmpty, case .bytes(let count) = try queue.write(to: a) { total += count }
        #expect(total == expected.count)
        var received: [UInt8] = []
        while received.count < expected.count {
            let (result, bytes) = try Self.read(b, 65536)
            guard case .bytes(let count) = result, count > 0 else { break }
            received += bytes
        }
        #expect(received == expected)
    }
}
