import Foundation
import Shared

/// A blocking HTTPS/1.1 client over one keep-alive connection, for end-to-end tests that need to
/// know which certificate the server presented (`peerSubject`): `TLSSession` over a `RawSocket`,
/// verifying the peer against `caFile` for the name `localhost`. Every socket read is bounded by
/// the socket's receive timeout, so nothing hangs. Call from a thread of its own (`blocking`).
final class TLSTestClient: @unchecked Sendable {
    // Safe: used by one thread at a time (the test hands it from one `blocking` call to the next).
    private let socket: RawSocket
    private let session: TLSSession

    /// Connects to 127.0.0.1:`port` and completes the handshake (throws when it fails).
    convenience init(port: Int, caFile: String) throws {
        try self.init(port: port, caFile: caFile, serverName: "localhost")
    }

    /// Connects sending `serverName` as SNI; verifies the peer against `caFile` for that name, or
    /// nothing when `caFile` is nil (a test that only looks at which certificate was served).
    init(port: Int, caFile: String?, serverName: String?, protocols: TLSContext.ProtocolRange = .tls12AndLater) throws {
        guard let socket = RawSocket.connect(port: port) else { throw ProcessError("cannot connect to 127.0.0.1:\(port)") }
        self.socket = socket
        session = try TLSSession(context: TLSContext(clientVerifyingPeer: caFile != nil, caFile: caFile, protocols: protocols),
                                 serverName: serverName)
        _ = try drive { try session.handshake() }
    }

    /// Like `init(port:caFile:serverName:protocols:)`, presenting the PEM `certificate` signed with
    /// `key` (file paths) when the server asks for a client certificate (mutual TLS).
    init(port: Int, serverName: String, clientCertificate certificate: String, key: String,
         protocols: TLSContext.ProtocolRange = .tls12AndLater) throws {
        guard let socket = RawSocket.connect(port: port) else { throw ProcessError("cannot connect to 127.0.0.1:\(port)") }
        self.socket = socket
        let context = try TLSContext(clientVerifyingPeer: false, certificatePEM: try String(contentsOfFile: certificate, encoding: .utf8),
                                     privateKeyPEM: try String(contentsOfFile: key, encoding: .utf8), protocols: protocols)
        session = try TLSSession(context: context, serverName: serverName)
        _ = try drive { try session.handshake() }
    }

    /// "TLSv1.2" or "TLSv1.3".
    var protocolVersion: String { session.protocolVersion }

    /// The subject of the server's certificate on this connection (`/CN=localhost leaf`).
    var peerSubject: String? { session.peerSubject }

    /// Sends `GET target` with `Host: host` and reads the whole response.
    func get(_ target: String, host: String = "localhost") throws -> HTTPResponse {
        let request = Array("GET \(target) HTTP/1.1\r\nHost: \(host)\r\n\r\n".utf8)
        _ = try drive { try request.withUnsafeBytes { try session.write($0) } }
        var parser = HTTPResponseParser()
        parser.expectResponse(to: .GET)
        var head: HTTPResponseHead?
        var body: [UInt8] = []
        var plaintext = [UInt8](repeating: 0, count: 16384)
        for _ in 0..<1000 {
            let count = try drive { try plaintext.withUnsafeMutableBytes { try session.read(into: $0) } }
            guard count > 0 else { throw ProcessError("the server closed the connection before answering") }
            parser.append(Array(plaintext[..<count]))
            while let event = try parser.next() {
                switch event {
                case .head(let parsed): head = parsed
                case .body(let bytes): body += bytes
                case .end:
                    guard let head else { throw ProcessError("a response without a head") }
                    return HTTPResponse(head: head, body: body)
                }
            }
        }
        throw ProcessError("no whole response in 1000 reads")
    }

    /// Repeats `step` until it is done, sending what the session has for the server after each
    /// try and feeding it what the socket receives when it needs input; answers the step's count.
    private func drive(_ step: () throws -> TLSSession.Step) throws -> Int {
        var buffer = [UInt8](repeating: 0, count: 16384)
        for _ in 0..<1000 {
            let result = try step()
            while session.pendingOutput > 0 {
                let count = buffer.withUnsafeMutableBytes { session.takeOutput(into: $0) }
                socket.send(Array(buffer[..<count]))
            }
            switch result {
            case .done(let count): return count
            case .needsInput:
                guard let bytes = socket.readSome(), !bytes.isEmpty else { throw ProcessError("TLS: the server closed or went silent") }
                bytes.withUnsafeBytes { session.receive($0) }
            }
        }
        throw ProcessError("TLS: no progress in 1000 steps")
    }
}

/// Runs blocking socket work on a thread of its own (never on Swift's cooperative pool).
func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        onOwnThread { continuation.resume(with: Result { try body() }) }
    }
}
