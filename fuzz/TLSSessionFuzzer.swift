// libFuzzer entry point for the TLS seam (issue 15): `TLSSession` over memory BIOs with the
// server callbacks Tollgate installs (the ClientHello callback choosing a custom domain's context by
// SNI, its security policy and mutual TLS, and ALPN selection). Built by `scripts/fuzz SECONDS tls`
// together with the libssl-facing files of Sources/Shared/TLS and Sources/Shared/Crypto; not part of
// the Swift package. Certificates are made in memory at start (a P-256 CA and its server
// certificates, a self-signed RSA client certificate that the mutual-TLS domain trusts).
//
// The first input byte picks the mode (its value modulo 3):
// 0. Raw bytes: the rest is ciphertext from a "client", fed to a server session in pieces whose
//    sizes the data gives. Nothing may crash (ASan) and the ciphertext the server queues for the
//    peer stays bounded.
// 1. A ClientHello built from the data: a syntactically valid record whose `server_name` and ALPN
//    extensions are either well-formed (a name from the domain table in any letter case, or
//    unknown; protocol lists with or without `http/1.1`) or raw bytes, plus raw extra extensions.
//    Whenever the server does not fail on it: a well-formed SNI naming a table domain (any case)
//    selected that domain's context; any other did not; and ALPN chose `http/1.1` exactly when a
//    well-formed list offered it. `TLSServerNames.serverName(inExtension:)` returns the name of a
//    well-formed extension and, on raw bytes, only a printable ASCII run that is in the input.
// 2. A real client and server in memory, with the data choosing the SNI name, the client (plain,
//    presenting a certificate, TLS 1.1 only) and a list of byte flips applied in flight to either
//    direction. After the handshake the client sends a request and the server a response.
//    - With no flip, the handshake must succeed exactly when the policy allows it (a TLS 1.1 client
//      only on the `TLS_1_0` domain; the mutual-TLS domain only with a trusted certificate), the
//      selected domain and the verified client certificate must be the expected ones, and both
//      plaintexts must arrive whole.
//    - With flips, whatever plaintext arrives must be a prefix of what was sent: a tampered record
//      is never delivered.

#if canImport(Glibc)
import Glibc
#endif

// MARK: - The world, made once

/// The contexts and certificates every run shares (built once; contexts are read-only after).
final class FuzzWorld {
    let defaultServer: TLSContext
    let names: TLSServerNames
    let plainClient: TLSContext
    let certificateClient: TLSContext
    let legacyClient: TLSContext
    let clientCommonName = "fuzz client"

    /// Names in the table, in lowercase, with the policy each has.
    static let strictName = "alpha.example"
    static let legacyName = "legacy.example"
    static let mutualName = "mtls.example"
    static let tableNames = [strictName, legacyName, mutualName]
    static let unknownName = "unknown.example"

    init() {
        do {
            let now = Int64(time(nil))
            let authority = try X509Certificate.generateAuthority(commonName: "fuzz CA", now: now - 60, days: 2)
            func server(_ name: String) throws -> X509Certificate.Generated {
                try X509Certificate.issueServerCertificate(commonName: name, dnsNames: [name], ipAddresses: [],
                                                           authority: authority, now: now - 60, days: 2)
            }
            let localhost = try server("localhost")
            defaultServer = try TLSContext(certificatePEM: localhost.certificatePEM, chainPEM: authority.certificatePEM,
                                           privateKeyPEM: localhost.privateKeyPEM)
            let client = try X509Certificate.generateSelfSigned(commonName: clientCommonName, now: now - 60, days: 2)
            let strict = try server(Self.strictName)
            let legacy = try server(Self.legacyName)
            let mutual = try server(Self.mutualName)
            names = TLSServerNames([
                Self.strictName: .init(context: try TLSContext(certificatePEM: strict.certificatePEM, chainPEM: nil,
                                                               privateKeyPEM: strict.privateKeyPEM), policy: .tls12),
                Self.legacyName: .init(context: try TLSContext(certificatePEM: legacy.certificatePEM, chainPEM: nil,
                                                               privateKeyPEM: legacy.privateKeyPEM), policy: .tls10),
                Self.mutualName: .init(context: try TLSContext(certificatePEM: mutual.certificatePEM, chainPEM: nil,
                                                               privateKeyPEM: mutual.privateKeyPEM,
                                                               truststorePEM: client.certificatePEM,
                                                               sessionScope: Self.mutualName), policy: .tls12),
            ])
            plainClient = try TLSContext(clientVerifyingPeer: false)
            certificateClient = try TLSContext(clientVerifyingPeer: false, certificatePEM: client.certificatePEM,
                                               privateKeyPEM: client.privateKeyPEM)
            legacyClient = try TLSContext(clientVerifyingPeer: false, protocols: .tls11Only)
        } catch {
            fatalError("fuzz: cannot build the TLS world: \(error)")
        }
    }
}

nonisolated(unsafe) let world = FuzzWorld()

/// The most ciphertext a server session may queue for its peer at once: a handshake flight with
/// a certificate chain, or a few records, is far below it.
let outputBound = 64 * 1024

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("invariant: \(message())") }
}

/// Moves every queued ciphertext byte out of `session`.
func drainOutput(_ session: TLSSession) -> [UInt8] {
    let pending = session.pendingOutput
    check(pending <= outputBound, "\(pending) bytes queued for the peer")
    guard pending > 0 else { return [] }
    var bytes = [UInt8](repeating: 0, count: pending)
    let taken = bytes.withUnsafeMutableBytes { session.takeOutput(into: $0) }
    return Array(bytes.prefix(taken))
}

func feed(_ session: TLSSession, _ bytes: some Collection<UInt8>) {
    Array(bytes).withUnsafeBytes { session.receive($0) }
}

/// Reads all the plaintext `session` can give now; nil once it failed or the peer closed.
func readAll(_ session: TLSSession, into received: inout [UInt8]) -> Bool {
    var buffer = [UInt8](repeating: 0, count: 4096)
    for _ in 0 ..< 64 {
        let step: TLSSession.Step
        do { step = try buffer.withUnsafeMutableBytes { try session.read(into: $0) } } catch { return false }
        switch step {
        case .needsInput: return true
        case .done(0): return false
        case .done(let count):
            check(count <= buffer.count, "read \(count) bytes into \(buffer.count)")
            received += buffer.prefix(count)
        }
    }
    return true
}

// MARK: - Mode 0: raw ciphertext

func runRaw(_ data: ArraySlice<UInt8>) {
    guard let server = try? TLSSession(context: world.defaultServer, serverNames: world.names) else { fatalError("session") }
    var rest = data
    var received: [UInt8] = []
    for _ in 0 ..< 64 {
        guard let size = rest.first else { break }
        rest = rest.dropFirst()
        let piece = rest.prefix(Int(size) * 4 + 1)
        rest = rest.dropFirst(piece.count)
        feed(server, piece)
        if !server.isEstablished {
            guard (try? server.handshake()) != nil else { _ = drainOutput(server); return }
        } else if !readAll(server, into: &received) {
            break
        }
        _ = drainOutput(server)
    }
    // Raw bytes cannot finish a handshake (no client holds the secrets), so nothing is decrypted.
    check(received.isEmpty || server.isEstablished, "plaintext before the handshake")
}

// MARK: - Mode 1: a ClientHello built from the data

/// Reads bytes from the input, then zeros once it is used up.
struct Cursor {
    var bytes: ArraySlice<UInt8>
    mutating func byte() -> UInt8 {
        guard let first = bytes.first else { return 0 }
        bytes = bytes.dropFirst()
        return first
    }
    mutating func take(_ count: Int) -> [UInt8] {
        let taken = Array(bytes.prefix(count))
        bytes = bytes.dropFirst(taken.count)
        return taken + [UInt8](repeating: 0, count: count - taken.count)
    }
}

func u16(_ value: Int) -> [UInt8] { [UInt8(value >> 8 & 0xff), UInt8(value & 0xff)] }
func u24(_ value: Int) -> [UInt8] { [UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)] }
func ext(_ type: Int, _ body: [UInt8]) -> [UInt8] { u16(type) + u16(body.count) + body }

/// `name` with the letters the mask bits pick in uppercase.
func recased(_ name: String, mask: UInt8) -> String {
    String(name.enumerated().map { index, character in
        mask & (1 << UInt8(index % 8)) != 0 ? Character(character.uppercased()) : character
    })
}

func runClientHello(_ data: ArraySlice<UInt8>) {
    var input = Cursor(bytes: data)
    let flags = input.byte()
    let tls13 = flags & 1 != 0
    // SNI: absent, well-formed (a table name in some case, or an unknown one), or raw bytes.
    var sniName: String?
    var sniExtension: [UInt8]?
    switch flags >> 1 & 3 {
    case 0: break
    case 1, 2:
        let choice = Int(input.byte())
        let base = choice % 4 < 3 ? FuzzWorld.tableNames[choice % 4] : FuzzWorld.unknownName
        let name = recased(base, mask: input.byte())
        sniName = name
        let entry = [0] + u16(name.utf8.count) + Array(name.utf8)
        sniExtension = u16(entry.count) + entry
    default:
        sniExtension = input.take(Int(input.byte() % 48))
    }
    // The name Tollgate's own parser reads from the extension (the one the ClientHello callback uses).
    var parsedName: String?
    if let sniExtension {
        let parsed = sniExtension.withUnsafeBufferPointer { TLSServerNames.serverName(inExtension: $0) }
        parsedName = parsed
        if let sniName {
            check(parsed == sniName, "serverName(inExtension:) gave \(String(describing: parsed)) for \(sniName)")
        } else if let parsed {
            let bytes = Array(parsed.utf8)
            check(!bytes.isEmpty && bytes.allSatisfy { $0 > 0x20 && $0 < 0x7f }, "a name with unprintable bytes")
            check((0 ... sniExtension.count - bytes.count).contains { Array(sniExtension[$0 ..< $0 + bytes.count]) == bytes },
                  "a name not in the extension")
        }
    }
    // ALPN: absent, a well-formed list of protocols (with or without http/1.1), or raw bytes.
    var alpnOffersHTTP11: Bool?
    var alpnExtension: [UInt8]?
    switch flags >> 3 & 3 {
    case 0: break
    case 1, 2:
        let candidates = ["h2", "http/1.1", "http/1.0", "spdy/3", "HTTP/1.1", "http/1.1x"]
        var list: [UInt8] = []
        var offered = false
        for _ in 0 ..< Int(input.byte() % 4) + 1 {
            let name = candidates[Int(input.byte()) % candidates.count]
            offered = offered || name == "http/1.1"
            list += [UInt8(name.utf8.count)] + Array(name.utf8)
        }
        alpnOffersHTTP11 = offered
        alpnExtension = u16(list.count) + list
    default:
        alpnExtension = input.take(Int(input.byte() % 32))
    }
    var extensions: [UInt8] = []
    if let sniExtension { extensions += ext(0, sniExtension) }
    if let alpnExtension { extensions += ext(16, alpnExtension) }
    extensions += ext(10, u16(4) + [0x00, 0x1d, 0x00, 0x17])        // supported_groups: x25519, P-256
    extensions += ext(11, [1, 0])                                   // ec_point_formats: uncompressed
    extensions += ext(13, u16(8) + [0x04, 0x03, 0x08, 0x04, 0x04, 0x01, 0x05, 0x03]) // signature_algorithms
    extensions += ext(23, [])                                        // extended_master_secret
    if tls13 {
        extensions += ext(43, [2, 0x03, 0x04])                       // supported_versions: TLS 1.3
        extensions += ext(51, u16(36) + [0x00, 0x1d] + u16(32) + input.take(32)) // key_share x25519
    }
    // Raw extra extensions: a type and a body from the data (may repeat or contradict the above).
    for _ in 0 ..< Int(input.byte() % 3) {
        let type = Int(input.byte()) << 8 | Int(input.byte())
        extensions += ext(type, input.take(Int(input.byte() % 24)))
    }
    let ciphers: [UInt8] = [0x13, 0x01, 0x13, 0x02, 0xc0, 0x2b, 0xc0, 0x2f]
    var body: [UInt8] = [0x03, 0x03] + input.take(32) + [0]          // legacy version, random, no session id
    body += u16(ciphers.count) + ciphers + [1, 0]                     // suites; null compression
    body += u16(extensions.count) + extensions
    let handshake = [1] + u24(body.count) + body
    let record = [0x16, 0x03, 0x01] + u16(handshake.count) + handshake

    guard let server = try? TLSSession(context: world.defaultServer, serverNames: world.names) else { fatalError("session") }
    feed(server, record)
    let failed = (try? server.handshake()) == nil
    _ = drainOutput(server)
    guard !failed else { return }
    // A table name (any case) selects its domain; anything else stays on the default context.
    // `selectedServerName` reports the name libssl read, which must be the one the callback read.
    if let parsedName, FuzzWorld.tableNames.contains(parsedName.lowercased()) {
        check(server.selectedServerName == parsedName,
              "SNI \(parsedName) selected \(String(describing: server.selectedServerName))")
    } else {
        check(server.selectedServerName == nil,
              "SNI \(String(describing: parsedName)) selected \(String(describing: server.selectedServerName))")
    }
    if let sniName { check(server.requestedServerName == sniName, "libssl read SNI \(String(describing: server.requestedServerName))") }
    if let alpnOffersHTTP11 {
        check((server.negotiatedProtocol == "http/1.1") == alpnOffersHTTP11,
              "ALPN chose \(String(describing: server.negotiatedProtocol)) for an offer with http/1.1: \(alpnOffersHTTP11)")
    } else if alpnExtension == nil {
        check(server.negotiatedProtocol == nil, "ALPN chosen without an offer")
    }
}

// MARK: - Mode 2: client and server with flips in flight

struct Flip { var toServer: Bool; var offset: Int; var mask: UInt8 }

/// Copies `bytes` (the stream from `start` on) applying the flips of one direction; counts the
/// flips that changed a byte.
func carry(_ bytes: [UInt8], start: Int, toServer: Bool, flips: [Flip], applied: inout Int) -> [UInt8] {
    var out = bytes
    for flip in flips where flip.toServer == toServer && flip.mask != 0 && flip.offset >= start && flip.offset < start + bytes.count {
        out[flip.offset - start] ^= flip.mask
        applied += 1
    }
    return out
}

func runInFlight(_ data: ArraySlice<UInt8>) {
    var input = Cursor(bytes: data)
    let choice = input.byte()
    let serverNames: [String?] = [nil, "localhost", FuzzWorld.unknownName] + FuzzWorld.tableNames.map { $0 }
    let sni = serverNames[Int(choice) % serverNames.count].map { recased($0, mask: input.byte()) }
    let clientKind = Int(input.byte()) % 3 // 0 plain, 1 presenting a certificate, 2 TLS 1.1 only
    let clientContext = [world.plainClient, world.certificateClient, world.legacyClient][clientKind]
    var flips: [Flip] = []
    while !input.bytes.isEmpty, flips.count < 8 {
        let head = input.byte()
        let offset = (Int(head & 0x7f) << 8 | Int(input.byte())) % 6000
        flips.append(Flip(toServer: head & 0x80 == 0, offset: offset, mask: input.byte()))
    }
    guard let server = try? TLSSession(context: world.defaultServer, serverNames: world.names),
          let client = try? TLSSession(context: clientContext, serverName: sni) else { fatalError("session") }
    let request = Array("GET /fuzz HTTP/1.1\r\nHost: \(sni ?? "localhost")\r\n\r\n".utf8)
    let response = Array("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok".utf8)
    var (sentToServer, sentToClient, applied) = (0, 0, 0)
    var (serverGot, clientGot): ([UInt8], [UInt8]) = ([], [])
    var (clientFailed, serverFailed, requestSent, responseSent) = (false, false, false, false)
    for _ in 0 ..< 32 {
        if !clientFailed {
            if !client.isEstablished {
                clientFailed = (try? client.handshake()) == nil
            } else {
                if !requestSent {
                    requestSent = true
                    clientFailed = (try? request.withUnsafeBytes { try client.write($0) }) == nil
                }
                if !clientFailed { clientFailed = !readAll(client, into: &clientGot) }
            }
        }
        let toServer = drainOutput(client)
        feed(server, carry(toServer, start: sentToServer, toServer: true, flips: flips, applied: &applied))
        sentToServer += toServer.count
        if !serverFailed {
            if !server.isEstablished {
                serverFailed = (try? server.handshake()) == nil
            } else {
                serverFailed = !readAll(server, into: &serverGot)
                if !serverFailed, !responseSent, serverGot.count == request.count {
                    responseSent = true
                    serverFailed = (try? response.withUnsafeBytes { try server.write($0) }) == nil
                }
            }
        }
        let toClient = drainOutput(server)
        feed(client, carry(toClient, start: sentToClient, toServer: false, flips: flips, applied: &applied))
        sentToClient += toClient.count
        if toServer.isEmpty, toClient.isEmpty, (clientFailed || serverFailed || clientGot.count == response.count) { break }
    }
    check(serverGot.count <= request.count && serverGot == Array(request.prefix(serverGot.count)), "the server read altered plaintext")
    check(clientGot.count <= response.count && clientGot == Array(response.prefix(clientGot.count)), "the client read altered plaintext")
    guard applied == 0 else { return }

    // Untouched: the outcome is the policy's.
    let lowered = sni?.lowercased()
    let isTableName = lowered.map(FuzzWorld.tableNames.contains) ?? false
    let allowed = (clientKind != 2 || lowered == FuzzWorld.legacyName)
        && (lowered != FuzzWorld.mutualName || clientKind == 1)
    check(allowed == (serverGot == request && clientGot == response),
          "sni \(String(describing: sni)) client \(clientKind): allowed \(allowed), server got \(serverGot.count), client got \(clientGot.count)")
    guard allowed else { return }
    check(server.selectedServerName == (isTableName ? sni : nil), "selected \(String(describing: server.selectedServerName)) for \(String(describing: sni))")
    let certificate = server.verifiedClientCertificate
    if lowered == FuzzWorld.mutualName {
        check(certificate?.subjectDN == "CN=\(world.clientCommonName)", "verified \(String(describing: certificate?.subjectDN))")
    } else {
        check(certificate == nil, "a client certificate read off a domain without mutual TLS")
    }
    check(server.negotiatedProtocol == "http/1.1", "ALPN \(String(describing: server.negotiatedProtocol))")
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    switch bytes[0] % 3 {
    case 0: runRaw(bytes[1...])
    case 1: runClientHello(bytes[1...])
    default: runInFlight(bytes[1...])
    }
    return 0
}
