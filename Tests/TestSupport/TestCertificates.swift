import Foundation

/// Certificates generated for a test with the `openssl` command line, in a temporary directory.
///
/// A CA (`ca.pem`), a leaf it signed for `localhost` and `127.0.0.1` (`leaf.pem`/`leaf.key`), a
/// second leaf for the same names (`rotated.pem`/`rotated.key`, a certificate rotation), an
/// expired leaf (`expired.pem`, same key as `leaf`), a leaf for another host only
/// (`otherhost.pem`, same key) and a self-signed certificate (`selfsigned.pem`/`selfsigned.key`).
/// P-256 keys keep generation fast. Call `remove()` in a `defer`.
package struct TestCertificates {
    package let directory: TemporaryDirectory

    package var caFile: String { directory.file("ca.pem") }
    package var leafFile: String { directory.file("leaf.pem") }
    package var leafKeyFile: String { directory.file("leaf.key") }
    package var rotatedFile: String { directory.file("rotated.pem") }
    package var rotatedKeyFile: String { directory.file("rotated.key") }
    package var expiredFile: String { directory.file("expired.pem") }
    package var otherHostFile: String { directory.file("otherhost.pem") }
    package var selfSignedFile: String { directory.file("selfsigned.pem") }
    package var selfSignedKeyFile: String { directory.file("selfsigned.key") }

    package init() throws {
        directory = try TemporaryDirectory()
        let curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
        try run(["req", "-x509"] + curve + ["-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Tollgate Test CA"])
        try run(["req", "-x509"] + curve + ["-keyout", "selfsigned.key", "-out", "selfsigned.pem", "-days", "2",
                                            "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"])
        try "subjectAltName=DNS:localhost,IP:127.0.0.1\n".write(toFile: directory.file("local.ext"), atomically: true, encoding: .utf8)
        try "subjectAltName=DNS:other.example\n".write(toFile: directory.file("other.ext"), atomically: true, encoding: .utf8)
        for name in ["leaf", "rotated"] {
            try run(["req"] + curve + ["-keyout", "\(name).key", "-out", "\(name).csr", "-subj", "/CN=localhost \(name)"])
            try sign("\(name).csr", days: "2", extensions: "local.ext", out: "\(name).pem")
        }
        try sign("leaf.csr", days: "-1", extensions: "local.ext", out: "expired.pem")
        try sign("leaf.csr", days: "2", extensions: "other.ext", out: "otherhost.pem")
    }

    package func remove() { directory.remove() }

    /// Makes one more leaf the CA signed for `localhost` and `127.0.0.1`, with its own P-256 key:
    /// `NAME.pem` and `NAME.key` (subject `CN=localhost NAME`), returned as (certificate, key).
    package func makeLeaf(_ name: String) throws -> (certificate: String, key: String) {
        try run(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                 "-keyout", "\(name).key", "-out", "\(name).csr", "-subj", "/CN=localhost \(name)"])
        try sign("\(name).csr", days: "2", extensions: "local.ext", out: "\(name).pem")
        return (directory.file("\(name).pem"), directory.file("\(name).key"))
    }

    /// Makes a client certificate the CA signed, with its own P-256 key and the subject `subject`
    /// (openssl's `/C=US/O=Example/CN=client` form): `NAME.pem` and `NAME.key`, returned as
    /// (certificate, key). For mutual TLS tests.
    package func makeClient(_ name: String, subject: String) throws -> (certificate: String, key: String) {
        try run(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                 "-keyout", "\(name).key", "-out", "\(name).csr", "-subj", subject])
        try run(["x509", "-req", "-in", "\(name).csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                 "-days", "2", "-out", "\(name).pem"])
        return (directory.file("\(name).pem"), directory.file("\(name).key"))
    }

    private func sign(_ request: String, days: String, extensions: String, out: String) throws {
        try run(["x509", "-req", "-in", request, "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                 "-days", days, "-extfile", extensions, "-out", out])
    }

    private func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "openssl \(arguments.joined(separator: " ")) failed"])
        }
    }
}
