import COpenSSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// X.509 certificates and private keys in PEM, read and made with libcrypto.
///
/// What the control plane needs of them: checking that an uploaded certificate, chain and key are
/// what they claim to be (CreateDomainName), and making a key pair with a self-signed certificate
/// (GenerateClientCertificate). Pure functions, callable from any thread; no OpenSSL type leaves
/// this file.
package enum X509Certificate {
    /// Why PEM text was refused.
    package enum Failure: Error, Equatable, Sendable {
        /// No `-----BEGIN CERTIFICATE-----` block decodes as an X.509 certificate.
        case invalidCertificate
        /// The text is not a PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC; unencrypted).
        case invalidPrivateKey
        /// The key is not the private half of the certificate's public key.
        case keyMismatch
        /// libcrypto failed while making a key or certificate (the detail is libcrypto's).
        case generation(String)
    }

    /// What the control plane reads from one certificate.
    package struct Info: Equatable, Sendable {
        /// notBefore and notAfter, UTC epoch seconds.
        package var notBefore: Int64
        package var notAfter: Int64

        package init(notBefore: Int64, notAfter: Int64) {
            self.notBefore = notBefore
            self.notAfter = notAfter
        }
    }

    /// The certificates in `pem` (one or more concatenated blocks, leaf first), or `.invalidCertificate`
    /// when there is none or any block fails to decode. Text between blocks is ignored, as OpenSSL does.
    package static func certificates(pem: String) throws(Failure) -> [Info] {
        var infos: [Info] = []
        ERR_clear_error()
        let ok = withBIO(pem) { bio in
            while let cert = PEM_read_bio_X509(bio, nil, nil, nil) {
                defer { X509_free(cert) }
                guard let before = epoch(X509_get0_notBefore(cert)), let after = epoch(X509_get0_notAfter(cert)) else { return false }
                infos.append(Info(notBefore: before, notAfter: after))
            }
            // The loop ends at the end of the text (PEM_R_NO_START_LINE) or at a block that does not decode.
            let reason = ERR_GET_REASON(ERR_peek_last_error())
            ERR_clear_error()
            return reason == PEM_R_NO_START_LINE
        }
        guard ok, !infos.isEmpty else { throw .invalidCertificate }
        return infos
    }

    /// Checks that `keyPEM` is an unencrypted private key whose public half is the one in the first
    /// certificate of `certificatePEM`.
    package static func checkKey(_ keyPEM: String, matches certificatePEM: String) throws(Failure) {
        var failure: Failure?
        ERR_clear_error()
        _ = withBIO(keyPEM) { keyBIO in
            // A passphrase callback that supplies none, so an encrypted key fails instead of prompting.
            guard let key = PEM_read_bio_PrivateKey(keyBIO, nil, { _, _, _, _ in 0 }, nil) else {
                failure = .invalidPrivateKey
                return false
            }
            defer { EVP_PKEY_free(key) }
            return withBIO(certificatePEM) { certBIO in
                guard let cert = PEM_read_bio_X509(certBIO, nil, nil, nil) else {
                    failure = .invalidCertificate
                    return false
                }
                defer { X509_free(cert) }
                if X509_check_private_key(cert, key) != 1 { failure = .keyMismatch }
                return true
            }
        }
        ERR_clear_error()
        if let failure { throw failure }
    }

    /// A new RSA key pair and a self-signed certificate for it.
    package struct Generated: Sendable {
        /// The certificate, PEM.
        package var certificatePEM: String
        /// The private key, PKCS#8 PEM, unencrypted.
        package var privateKeyPEM: String
        package var notBefore: Int64
        package var notAfter: Int64
    }

    /// Makes a 2048-bit RSA key and a self-signed X.509 v3 certificate (SHA-256) with subject and
    /// issuer `CN=commonName`, a random 64-bit serial, valid from `now` for `days` days.
    package static func generateSelfSigned(commonName: String, now: Int64, days: Int) throws(Failure) -> Generated {
        guard let context = EVP_PKEY_CTX_new_from_name(nil, "RSA", nil) else { throw .generation(LibCrypto.lastError()) }
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer?
        guard EVP_PKEY_keygen_init(context) == 1, EVP_PKEY_CTX_set_rsa_keygen_bits(context, 2048) == 1,
              EVP_PKEY_generate(context, &key) == 1, let key else { throw .generation(LibCrypto.lastError()) }
        defer { EVP_PKEY_free(key) }
        guard let cert = X509_new() else { throw .generation(LibCrypto.lastError()) }
        defer { X509_free(cert) }
        let serial = SecureRandom.uint64()
        var start = time_t(now)
        let ok = X509_set_version(cert, 2) == 1
            && ASN1_INTEGER_set_uint64(X509_get_serialNumber(cert), serial >> 1) == 1
            && X509_time_adj_ex(X509_getm_notBefore(cert), 0, 0, &start) != nil
            && X509_time_adj_ex(X509_getm_notAfter(cert), Int32(clamping: days), 0, &start) != nil
            && X509_set_pubkey(cert, key) == 1
            && X509_NAME_add_entry_by_txt(X509_get_subject_name(cert), "CN", MBSTRING_ASC, commonName, -1, -1, 0) == 1
            && X509_set_issuer_name(cert, X509_get_subject_name(cert)) == 1
            && X509_sign(cert, key, EVP_sha256()) > 0
        guard ok else { throw .generation(LibCrypto.lastError()) }
        guard let certificatePEM = writePEM({ PEM_write_bio_X509($0, cert) }),
              let privateKeyPEM = writePEM({ PEM_write_bio_PrivateKey($0, key, nil, nil, 0, nil, nil) }) else {
            throw .generation(LibCrypto.lastError())
        }
        return Generated(certificatePEM: certificatePEM, privateKeyPEM: privateKeyPEM,
                         notBefore: now, notAfter: now + Int64(days) * 86_400)
    }

    // MARK: - libcrypto plumbing

    /// Runs `body` with a read-only memory BIO over the UTF-8 of `text`.
    static func withBIO(_ text: String, _ body: (OpaquePointer) -> Bool) -> Bool {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { buffer in
            // Safe: the BIO only reads the buffer, and is freed before the closure returns.
            guard let base = buffer.baseAddress, let bio = BIO_new_mem_buf(base, Int32(buffer.count)) else { return false }
            defer { BIO_free(bio) }
            return body(bio)
        }
    }

    /// What `write` puts into a fresh memory BIO, as text; nil if it fails.
    static func writePEM(_ write: (OpaquePointer) -> Int32) -> String? {
        guard let bio = BIO_new(BIO_s_mem()) else { return nil }
        defer { BIO_free(bio) }
        guard write(bio) == 1 else { return nil }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { BIO_read(bio, $0.baseAddress, Int32($0.count)) }
            guard count > 0 else { break }
            out.append(contentsOf: chunk[0..<Int(count)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// An ASN1_TIME as UTC epoch seconds.
    private static func epoch(_ time: UnsafePointer<ASN1_TIME>?) -> Int64? {
        guard let time else { return nil }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else { return nil }
        return Int64(timegm(&parts))
    }
}
