#if canImport(Glibc)
import Glibc
#endif
import Testing
import TestSupport
@testable import Shared

/// `TLSTransport` (the server side) over a real non-blocking socket pair, against a client
/// `TLSSession` the test drives by hand on the other end, reading the raw ciphertext so it can
/// count the TLS records on the wire. Certificates are generated per test (`TestCertificates`);
/// every loop is bounded in rounds.
@Suite(.timeLimit(.minutes(1))) struct TLSTransportTests {
    /// The client end: a raw socket and a memory-BIO session; keeps the ciphertext it read (to
    /// count records) and the plaintext it decrypted.
    final class Peer {
        let fd: Int32
        let session: TLSSession
        var wire: [UInt8] = []
        var plaintext: [UInt8] = []

        init(fd: Int32, session: TLSSession) {
            self.fd = fd
            self.session = session
        }

        /// Sends the session's ciphertext, reads what the socket holds, decrypts what it can.
        func pump() throws {
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while session.pendingOutput > 0 {
                let count = buffer.withUnsafeMutableBytes { session.takeOutput(into: $0) }
                var sent = 0
                while sent < count {
                    let written = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + sent, count - sent) }
                    precondition(written > 0, "the client's ciphertext did not fit the socket")
                    sent += written
                }
            }
            while true {
                let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                guard count > 0 else { break }
                wire.append(contentsOf: buffer[..<count])
                buffer.withUnsafeBytes { session.receive(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            }
            guard session.isEstablished else { return }
            while case .done(let count) = try buffer.withUnsafeMutableBytes({ try session.read(into: $0) }), count > 0 {
                plaintext.append(contentsOf: buffer[..<count])
            }
        }
    }

    /// A TLS record header read off the wire.
    struct Record: Equatable {
        var type: UInt8
        var length: Int
    }

    /// The records in `bytes`, which must hold whole records.
    static func records(_ bytes: ArraySlice<UInt8>) -> [Record] {
        var records: [Record] = []
        var index = bytes.startIndex
        while index + 5 <= bytes.endIndex {
            let length = Int(bytes[index + 3]) << 8 | Int(bytes[index + 4])
            records.append(Record(type: bytes[index], length: length))
            index += 5 + length
        }
        #expect(index == bytes.endIndex, "the wire ends inside a record")
        return records
    }

    /// A server transport and a client peer over a socket pair, handshake done and every
    /// post-handshake message (TLS 1.3 session tickets) read, so `peer.wire` starts empty.
    /// `sendBuffer` shrinks the server's socket send buffer (the kernel doubles it and keeps a
    /// floor of a few KiB) so that records do not fit at once.
    static func connected(_ certificates: TestCertificates, protocols: TLSContext.ProtocolRange = .tls13Only,
                          sendBuffer: Int32? = nil) throws -> (TLSTransport, Peer) {
        var fds: [Int32] = [0, 0]
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
        precondition(socketpair(AF_UNIX, type, 0, &fds) == 0)
        if var size = sendBuffer {
            precondition(setsockopt(fds[0], SOL_SOCKET, SO_SNDBUF, &size, socklen_t(MemoryLayout<Int32>.size)) == 0)
        }
        let serverContext = try TLSContext(certificateChainFile: certificates.leafFile, privateKeyFile: certificates.leafKeyFile,
                                           protocols: protocols)
        let server = TLSTransport(fd: fds[0], session: try TLSSession(context: serverContext))
        let peer = Peer(fd: fds[1], session: try TLSSession(context: TLSContext(clientVerifyingPeer: true, caFile: certificates.caFile),
                                                            serverName: "localhost"))
        var serverDone = false
        for _ in 0..<20 where !(serverDone && peer.session.isEstablished) {
            _ = try peer.session.handshake()
            try peer.pump()
            if !serverDone { serverDone = try server.handshake() == .bytes(0) }
        }
        #expect(serverDone && peer.session.isEstablished, "handshake did not finish in 20 rounds")
        // One request each way settles the handshake's leftovers (tickets, the client's Finished).
        _ = try Array("ping".utf8).withUnsafeBytes { try peer.session.write($0) }
        try peer.pump()
        var received = [UInt8](repeating: 0, count: 16)
        #expect(try received.withUnsafeMutableBytes { raw throws(SyscallError) in try server.read(into: raw) } == .bytes(4))
        try peer.pump()
        peer.wire.removeAll()
        return (server, peer)
    }

    /// Deterministic bytes for piece `index` of `count` bytes (different pieces, different bytes).
    static func piece(_ index: Int, count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index &* 7 &+ $0 >> 8) }
    }

    /// What sending `pieces` took: the shell's loop (writev over what is left, repeated after a
    /// wait with the same vectors), pumping the peer while the socket is full.
    struct Sent {
        var writevCalls = 0
        var waitsForWritable = 0
        var largestCount = 0
    }

    /// Sends all of `pieces` through `writev` as `OutboundQueue.drain` does, bounded in rounds.
    static func send(_ pieces: [[UInt8]], through transport: TLSTransport, to peer: Peer) throws -> Sent {
        var sent = Sent()
        var index = 0
        var offset = 0
        var rounds = 0
        while index < pieces.count {
            rounds += 1
            if rounds > 10_000 {
                Issue.record("the pieces were not sent in 10,000 rounds")
                return sent
            }
            let result = try withVectors(pieces, from: index, offset: offset) { vectors throws(SyscallError) in
                try transport.writev(vectors)
            }
            sent.writevCalls += 1
            switch result {
            case .bytes(var count):
                sent.largestCount = max(sent.largestCount, count)
                while count > 0 {
                    let available = pieces[index].count - offset
                    if count < available {
                        offset += count
                        count = 0
                    } else {
                        count -= available
                        index += 1
                        offset = 0
                    }
                }
            case .wouldBlock(let wait):
                #expect(wait == .writable)
                sent.waitsForWritable += 1
                try peer.pump()
            }
        }
        try peer.pump()
        return sent
    }

    /// Calls `body` with iovecs over `pieces[index...]`, the first starting at `offset`.
    static func withVectors<R>(_ pieces: [[UInt8]], from index: Int, offset: Int,
                               _ body: (UnsafeBufferPointer<iovec>) throws(SyscallError) -> R) throws(SyscallError) -> R {
        let flat = pieces[index...].enumerated().map { position, piece in position == 0 ? Array(piece[offset...]) : piece }
        let pointers = flat.map { piece in
            let pointer = UnsafeMutableRawPointer.allocate(byteCount: max(1, piece.count), alignment: 1)
            piece.withUnsafeBytes { pointer.copyMemory(from: $0.baseAddress!, byteCount: piece.count) }
            return pointer
        }
        defer { pointers.forEach { $0.deallocate() } }
        let vectors = zip(pointers, flat).map { iovec(iov_base: $0, iov_len: $1.count) }
        return try vectors.withUnsafeBufferPointer { vectors throws(SyscallError) in try body(vectors) }
    }

    @Test(arguments: [TLSContext.ProtocolRange.tls12Only, .tls13Only])
    func aWritevOfManySmallPiecesIsOneRecordAndOneCall(protocols: TLSContext.ProtocolRange) throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let (server, peer) = try Self.connected(certificates, protocols: protocols)
        defer { server.close(); close(peer.fd) }
        // A response head, a small body, two pipelined answers: 12 pieces, 2,301 bytes.
        let pieces = (0..<12).map { Self.piece($0, count: $0 == 0 ? 180 : 10 + $0 * 30) }
        let total = pieces.reduce(0) { $0 + $1.count }

        let sent = try Self.send(pieces, through: server, to: peer)

        #expect(sent.writevCalls == 1)
        #expect(sent.largestCount == total)
        #expect(Self.records(peer.wire[...]).map(\.type) == [23])
        #expect(peer.plaintext == pieces.flatMap { $0 })
    }

    @Test func piecesBeyondOneRecordFillWholeRecords() throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let (server, peer) = try Self.connected(certificates)
        defer { server.close(); close(peer.fd) }
        // 40 pieces of 1,000 bytes: 16 KiB per writev (the 17th piece split), three records.
        let pieces = (0..<40).map { Self.piece($0, count: 1_000) }

        let sent = try Self.send(pieces, through: server, to: peer)

        #expect(sent.writevCalls == 3)
        #expect(sent.largestCount == TLSTransport.recordPlaintext)
        #expect(Self.records(peer.wire[...]).count == 3)
        #expect(peer.plaintext == pieces.flatMap { $0 })
    }

    @Test(arguments: [TLSContext.ProtocolRange.tls12Only, .tls13Only])
    func largeAndSmallPiecesArriveIntactThroughAFullSocket(protocols: TLSContext.ProtocolRange) throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let (server, peer) = try Self.connected(certificates, protocols: protocols, sendBuffer: 4_096)
        defer { server.close(); close(peer.fd) }
        let sizes = [5, 16_384, 1, 20_000, 300, 70_000, 7, 16_383, 2, 1, 3, 100_000, 9_000, 9_000, 250_000, 40]
        let pieces = sizes.enumerated().map { Self.piece($0, count: $1) }

        let sent = try Self.send(pieces, through: server, to: peer)

        #expect(peer.plaintext.count == sizes.reduce(0, +))
        #expect(peer.plaintext == pieces.flatMap { $0 })
        // The socket was full (the partial-write path ran) and no write encrypted more than the bound.
        #expect(sent.waitsForWritable > 0)
        #expect(sent.largestCount <= TLSTransport.maxWritePlaintext)
        #expect(Self.records(peer.wire[...]).allSatisfy { $0.type == 23 })
    }

    @Test func aWritevRepeatedAfterWaitingReportsWhatWasEncryptedOnce() throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let (server, peer) = try Self.connected(certificates, sendBuffer: 4_096)
        defer { server.close(); close(peer.fd) }
        let pieces = [Self.piece(0, count: 200), Self.piece(1, count: 30_000)]
        // One record of 16 KiB (the head and the start of the body) does not fit the socket.
        let first = try Self.withVectors(pieces, from: 0, offset: 0) { vectors throws(SyscallError) in try server.writev(vectors) }
        #expect(first == .wouldBlock(.writable))
        // Repeated before the socket drained: still waiting, nothing encrypted twice.
        let again = try Self.withVectors(pieces, from: 0, offset: 0) { vectors throws(SyscallError) in try server.writev(vectors) }
        #expect(again == .wouldBlock(.writable))
        var result = again
        for _ in 0..<100 where result == .wouldBlock(.writable) {
            try peer.pump()
            result = try Self.withVectors(pieces, from: 0, offset: 0) { vectors throws(SyscallError) in try server.writev(vectors) }
        }
        #expect(result == .bytes(TLSTransport.recordPlaintext))
        try peer.pump()
        #expect(peer.plaintext == Array(pieces.flatMap { $0 }.prefix(TLSTransport.recordPlaintext)))
        #expect(Self.records(peer.wire[...]).count == 1)
    }

    /// Encrypts `plaintext` on the peer's session (one record per 16 KiB) and returns the ciphertext.
    static func ciphertext(_ plaintext: [UInt8], from peer: Peer) throws -> [UInt8] {
        _ = try plaintext.withUnsafeBytes { try peer.session.write($0) }
        var out = [UInt8](repeating: 0, count: peer.session.pendingOutput)
        let count = out.withUnsafeMutableBytes { peer.session.takeOutput(into: $0) }
        return Array(out[..<count])
    }

    static func write(_ bytes: ArraySlice<UInt8>, to fd: Int32) {
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        precondition(written == bytes.count, "the test's ciphertext did not fit the socket")
    }

    @Test func aReadWaitsForAWholeRecordThenTakesEveryRecordAlreadyThere() throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let (server, peer) = try Self.connected(certificates)
        defer { server.close(); close(peer.fd) }
        let first = Self.piece(0, count: 300)
        let rest = Self.piece(1, count: 40_000)  // three records, more than one socket read takes
        let wire = try Self.ciphertext(first, from: peer)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        func read() throws -> TransportResult {
            try buffer.withUnsafeMutableBytes { raw throws(SyscallError) in try server.read(into: raw) }
        }

        // Half a record: nothing to hand over yet, and the socket is drained.
        Self.write(wire[..<100], to: peer.fd)
        #expect(try read() == .wouldBlock(.readable))
        // Its other half and three more records: one read returns all of it.
        Self.write(wire[100...], to: peer.fd)
        Self.write(try Self.ciphertext(rest, from: peer)[...], to: peer.fd)
        #expect(try read() == .bytes(first.count + rest.count))
        #expect(Array(buffer[..<(first.count + rest.count)]) == first + rest)
        #expect(try read() == .wouldBlock(.readable))
    }

    @Test func aLargeSingleWriteIsEncryptedInBoundedSteps() throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let (server, peer) = try Self.connected(certificates)
        defer { server.close(); close(peer.fd) }
        let body = Self.piece(3, count: 1_000_000)
        var sent = 0
        var largest = 0
        for _ in 0..<10_000 where sent < body.count {
            let result = try body.withUnsafeBytes { raw throws(SyscallError) in try server.write(UnsafeRawBufferPointer(rebasing: raw[sent...])) }
            if case .bytes(let count) = result {
                sent += count
                largest = max(largest, count)
            } else {
                try peer.pump()
            }
        }
        try peer.pump()
        #expect(largest == TLSTransport.maxWritePlaintext)
        #expect(peer.plaintext == body)
    }
}
