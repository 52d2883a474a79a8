import ControlPlane
import Foundation
import Shared

/// The local CA and server certificate of `tollgate dev --tls` (issue 15), under `DIR/tls/`.
///
/// `ca.pem`/`ca.key`: a CA made once (10 years) and kept, so a bundle a developer copied or
/// configured stays valid across restarts; made again only when a file is missing, does not load
/// or expires within 30 days. `server.pem`/`server.key`: a server certificate that CA signs for
/// `localhost`, `*.execute-api.localhost` (the invoke URLs dev prints), `127.0.0.1`, `::1` and
/// the `--host` given, made afresh at every start (one second's work with P-256) so it always
/// names the current host. Every file is written atomically, mode 0600, in the 0700 dev directory.
/// Generation is `X509Certificate` (the one libcrypto wrapper). Startup only.
struct DevCertificates {
    let directory: String

    var caFile: String { directory + "/ca.pem" }
    var caKeyFile: String { directory + "/ca.key" }
    var certificateFile: String { directory + "/server.pem" }
    var keyFile: String { directory + "/server.key" }

    /// The CA's validity and the margin under which it is made again.
    static let authorityDays = 3650
    static let renewWithinSeconds: Int64 = 30 * 86_400
    /// The server certificate's validity (it is remade at every start anyway).
    static let serverDays = 90

    /// The names a server certificate for `host` carries: (DNS names, IP addresses).
    static func names(host: String) -> (dns: [String], ip: [String]) {
        var dns = ["localhost", "*.execute-api.localhost"]
        var ip = ["127.0.0.1", "::1"]
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if SocketAddress(ipLiteral: bare, port: 0) != nil {
            if !ip.contains(bare) { ip.append(bare) }
        } else if !bare.isEmpty, !dns.contains(bare.lowercased()) {
            dns.append(bare.lowercased())
        }
        return (dns, ip)
    }

    /// Makes the directory and the files (keeping a usable CA); one readable line on failure.
    static func prepare(in directory: String, host: String, now: Int64 = Int64(Date().timeIntervalSince1970)) throws -> DevCertificates {
        _ = try PrivateFiles.prepareDirectory(directory, what: "dev TLS directory")
        let files = DevCertificates(directory: directory)
        let authority: X509Certificate.Generated
        if let kept = files.loadAuthority(now: now) {
            authority = kept
        } else {
            // Backdated an hour: a clock a little behind another process's still accepts it.
            authority = try X509Certificate.generateAuthority(commonName: "Tollgate dev CA", now: now - 3600, days: authorityDays)
            try PrivateFiles.writeFileAtomically(files.caKeyFile, Array(authority.privateKeyPEM.utf8))
            try PrivateFiles.writeFileAtomically(files.caFile, Array(authority.certificatePEM.utf8))
        }
        let (dns, ip) = names(host: host)
        let server = try X509Certificate.issueServerCertificate(commonName: "localhost", dnsNames: dns, ipAddresses: ip,
                                                                authority: authority, now: now - 3600, days: serverDays)
        try PrivateFiles.writeFileAtomically(files.keyFile, Array(server.privateKeyPEM.utf8))
        try PrivateFiles.writeFileAtomically(files.certificateFile, Array(server.certificatePEM.utf8))
        return files
    }

    /// The kept CA, when both files load, match, and it is valid for 30 days more.
    private func loadAuthority(now: Int64) -> X509Certificate.Generated? {
        guard let certificate = FileManager.default.contents(atPath: caFile).map({ String(decoding: $0, as: UTF8.self) }),
              let key = FileManager.default.contents(atPath: caKeyFile).map({ String(decoding: $0, as: UTF8.self) }),
              let info = try? X509Certificate.certificates(pem: certificate).first,
              (try? X509Certificate.checkKey(key, matches: certificate)) != nil,
              info.notAfter > now + Self.renewWithinSeconds else { return nil }
        return X509Certificate.Generated(certificate: certificate, privateKey: key, notBefore: info.notBefore, notAfter: info.notAfter)
    }
}
