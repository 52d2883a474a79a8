import COpenSSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A local certificate authority and the server certificates it signs (`tollgate dev --tls`,
/// issue 15): what a developer's curl, aws CLI and the dev node trust with one `--cacert` file.
///
/// P-256 keys (fast to make), SHA-256 signatures, X.509 v3 with the extensions verifiers require:
/// the CA is `basicConstraints=critical,CA:TRUE` with `keyCertSign`; a server certificate is
/// `CA:FALSE`, `digitalSignature`, `extendedKeyUsage=serverAuth`, its names in `subjectAltName`
/// (host-name verification reads only that), with key identifiers linking it to the CA. Pure
/// functions, any thread; no OpenSSL type leaves `Shared/Crypto`.
extension X509Certificate {
    /// Makes a P-256 key and a self-signed CA certificate `CN=commonName`, valid from `now` for `days` days.
    package static func generateAuthority(commonName: String, now: Int64, days: Int) throws(Failure) -> Generated {
        let key = try generateP256Key()
        defer { EVP_PKEY_free(key) }
        return try issue(commonName: commonName, publicKey: key, issuer: nil, signingKey: key, now: now, days: days, extensions: [
            (NID_basic_constraints, "critical,CA:TRUE"),
            (NID_key_usage, "critical,keyCertSign,cRLSign"),
            (NID_subject_key_identifier, "hash"),
        ])
    }

    /// Makes a P-256 key and a server certificate for `dnsNames` and `ipAddresses` (its
    /// `subjectAltName`; subject `CN=commonName`) signed by `authority` (a `generateAuthority`
    /// result), valid from `now` for `days` days. `.invalidCertificate`/`.invalidPrivateKey` when
    /// the authority's PEM does not load, `.generation` when an name is not one libcrypto takes.
    package static func issueServerCertificate(commonName: String, dnsNames: [String], ipAddresses: [String],
                                               authority: Generated, now: Int64, days: Int) throws(Failure) -> Generated {
        let caCertificate = try readCertificate(authority.certificatePEM)
        defer { X509_free(caCertificate) }
        let caKey = try readPrivateKey(authority.privateKeyPEM)
        defer { EVP_PKEY_free(caKey) }
        let key = try generateP256Key()
        defer { EVP_PKEY_free(key) }
        let names = dnsNames.map { "DNS:\($0)" } + ipAddresses.map { "IP:\($0)" }
        guard !names.isEmpty, !names.contains(where: { $0.contains(",") }) else { throw .generation("no names, or a name with a comma") }
        return try issue(commonName: commonName, publicKey: key, issuer: caCertificate, signingKey: caKey, now: now, days: days, extensions: [
            (NID_basic_constraints, "critical,CA:FALSE"),
            (NID_key_usage, "critical,digitalSignature"),
            (NID_ext_key_usage, "serverAuth"),
            (NID_subject_alt_name, names.joined(separator: ",")),
            (NID_subject_key_identifier, "hash"),
            (NID_authority_key_identifier, "keyid:always"),
        ])
    }

    // MARK: - libcrypto plumbing

    /// A certificate for `publicKey` (whose private half is returned as PEM), issued by `issuer`
    /// (nil: self-signed) and signed with `signingKey`.
    private static func issue(commonName: String, publicKey: OpaquePointer, issuer: OpaquePointer?, signingKey: OpaquePointer,
                              now: Int64, days: Int, extensions: [(Int32, String)]) throws(Failure) -> Generated {
        ERR_clear_error()
        guard let cert = X509_new() else { throw .generation(LibCrypto.lastError()) }
        defer { X509_free(cert) }
        var start = time_t(now)
        var ok = X509_set_version(cert, 2) == 1
            && ASN1_INTEGER_set_uint64(X509_get_serialNumber(cert), SecureRandom.uint64() >> 1) == 1
            && X509_time_adj_ex(X509_getm_notBefore(cert), 0, 0, &start) != nil
            && X509_time_adj_ex(X509_getm_notAfter(cert), Int32(clamping: days), 0, &start) != nil
            && X509_set_pubkey(cert, publicKey) == 1
            && X509_NAME_add_entry_by_txt(X509_get_subject_name(cert), "CN", MBSTRING_ASC, commonName, -1, -1, 0) == 1
            && X509_set_issuer_name(cert, X509_get_subject_name(issuer ?? cert)) == 1
        guard ok else { throw .generation(LibCrypto.lastError()) }
        var context = X509V3_CTX()
        X509V3_set_ctx(&context, issuer ?? cert, cert, nil, nil, 0)
        for (nid, value) in extensions {
            guard let ext = X509V3_EXT_conf_nid(nil, &context, nid, value) else { throw .generation(LibCrypto.lastError()) }
            defer { X509_EXTENSION_free(ext) }
            guard X509_add_ext(cert, ext, -1) == 1 else { throw .generation(LibCrypto.lastError()) }
        }
        ok = X509_sign(cert, signingKey, EVP_sha256()) > 0
        guard ok, let certificatePEM = writePEM({ PEM_write_bio_X509($0, cert) }),
              let privateKeyPEM = writePEM({ PEM_write_bio_PrivateKey($0, publicKey, nil, nil, 0, nil, nil) }) else {
            throw .generation(LibCrypto.lastError())
        }
        return Generated(certificatePEM: certificatePEM, privateKeyPEM: privateKeyPEM,
                         notBefore: now, notAfter: now + Int64(days) * 86_400)
    }

    /// A new P-256 key; the caller frees it.
    private static func generateP256Key() throws(Failure) -> OpaquePointer {
        guard let context = EVP_PKEY_CTX_new_from_name(nil, "EC", nil) else { throw .generation(LibCrypto.lastError()) }
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer?
        guard EVP_PKEY_keygen_init(context) == 1, EVP_PKEY_CTX_set_group_name(context, "P-256") == 1,
              EVP_PKEY_generate(context, &key) == 1, let key else { throw .generation(LibCrypto.lastError()) }
        return key
    }

    /// The first certificate of `pem`; the caller frees it.
    private static func readCertificate(_ pem: String) throws(Failure) -> OpaquePointer {
        var certificate: OpaquePointer?
        _ = withBIO(pem) { bio in
            certificate = PEM_read_bio_X509(bio, nil, nil, nil)
            return certificate != nil
        }
        ERR_clear_error()
        guard let certificate else { throw .invalidCertificate }
        return certificate
    }

    /// The unencrypted private key in `pem`; the caller frees it.
    private static func readPrivateKey(_ pem: String) throws(Failure) -> OpaquePointer {
        var key: OpaquePointer?
        _ = withBIO(pem) { bio in
            // A passphrase callback that supplies none, so an encrypted key fails instead of prompting.
            key = PEM_read_bio_PrivateKey(bio, nil, { _, _, _, _ in 0 }, nil)
            return key != nil
        }
        ERR_clear_error()
        guard let key else { throw .invalidPrivateKey }
        return key
    }
}

extension X509Certificate.Generated {
    /// A pair read back from files (`tollgate dev --tls` keeps its CA across restarts).
    package init(certificate: String, privateKey: String, notBefore: Int64, notAfter: Int64) {
        self.init(certificatePEM: certificate, privateKeyPEM: privateKey, notBefore: notBefore, notAfter: notAfter)
    }
}
