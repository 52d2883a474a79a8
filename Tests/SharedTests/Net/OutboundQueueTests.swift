#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import Shared

@Suite("OutboundQueue")
struct OutboundQueueTests {
    @Test func smallPiecesCoalesceAndLargeOnesQueueWhole() {
        var queue = OutboundQueue()
        queue.append(Array("head1".utf8))
        queue.appendInPlace { $0.append(contentsOf: Array("-body1".utf8)) }
        let large = [UInt8](repeating: 7, count: OutboundQueue.copyThreshold)
        queue.append(large)
        queue.append(Array("tail".utf8))
        #expect(queue.count == 11 + large.count + 4)
        #expect(queue.pendingBytes == Array("head1-body1".utf8) + large + Array("tail".utf8))
    }

    @Test func consumeAcrossChunksKeepsTheRest() {
        var queue = OutboundQueue()
        queue.append(Array("abc".utf8))
        queue.append([UInt8](repeating: 1, count: OutboundQueue.copyThreshold))
        queue.append(Array("xyz".utf8))
        queue.consume(5)
        #expect(queue.count == OutboundQueue.copyThreshold + 1)
        #expect(queue.pendingBytes.first == 1)
        queue.consume(OutboundQueue.copyThreshold - 2)
        #expect(queue.pendingBytes == Array("xyz".utf8))
        queue.consume(3)
        #expect(queue.isEmpty)
    }

    @Test func writesEverythingThroughASocketPair() throws {
        var fds: [Int32] = [0, 0]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        var queue = OutboundQueue()
        var expected: [UInt8] = []
        for i in 0..<5 {
            let piece = [UInt8](repeating: UInt8(i), count: i.isMultiple(of: 2) ? 10 : OutboundQueue.copyThreshold + i)
            queue.append(piece)
            expected += piece
        }
        var total = 0
        while !queue.isEmpty, let written = try queue.write(to: fds[0]) { total += written }
        #expect(total == expected.count)
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while received.count < expected.count {
            let n = read(fds[1], &buffer, buffer.count)
            if n <= 0 { break }
            received += buffer[0..<n]
        }
        #expect(received == expected)
    }
}

@Suite struct OutboundQueueRetentionTests {
    @Test func aBodyHeldByReferenceIsRetainedWholeUntilItsLastByteIsSent() {
        var queue = OutboundQueue()
        queue.append(Array("HTTP/1.1 200 OK\r\n\r\n".utf8))
        queue.append([UInt8](repeating: 1, count: 100_000))
        #expect(queue.retainedCount == queue.count)
        queue.consume(19 + 60_000)
        #expect(queue.count == 40_000)
        #expect(queue.retainedCount == 100_000)
        queue.consume(40_000)
        #expect(queue.retainedCount == 0)
    }

    @Test func copiedBytesAreRetainedOnlyWhileUnsent() {
        var queue = OutboundQueue()
        queue.append(Array("small".utf8))
        queue.consume(2)
        #expect(queue.retainedCount == 3)
    }
}
