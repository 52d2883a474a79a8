import COpenSSL

/// The verified client certificate of one TLS connection, as `$context.identity.clientCert`
/// shows it (REST APIs, mutual TLS on a custom domain name; issue 15).
///
/// Read once per connection, when its handshake completes (`TLSSession.verifiedClientCertificate`),
/// and shared by every request on it. Immutable. Formats follow API Gateway's documented event:
/// `subjectDN`/`issuerDN` as `C=US,O=Example,CN=client` (RFC 2253 escaping, the certificate's own
/// order), `serialNumber` in decimal, `validity` dates as OpenSSL prints them
/// (`May 28 12:30:02 2019 GMT`), `clientCertPem` the leaf in PEM.
package final class TLSClientCertificate: Sendable, Equatable {
    package let clientCertPem: String
    package let subjectDN: String
    package let issuerDN: String
    package let serialNumber: String
    package let notBefore: String
    package let notAfter: String
    /// The custom domain name (lowercased) whose truststore verified the certificate.
    package let verifiedForDomain: String

    package init(clientCertPem: String, subjectDN: String, issuerDN: String, serialNumber: String, notBefore: String,
                 notAfter: String, verifiedForDomain: String) {
        self.clientCertPem = clientCertPem
        self.subjectDN = subjectDN
        self.issuerDN = issuerDN
        self.serialNumber = serialNumber
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.verifiedForDomain = verifiedForDomain
    }

    package static func == (lhs: TLSClientCertificate, rhs: TLSClientCertificate) -> Bool {
        lhs.clientCertPem == rhs.clientCertPem && lhs.verifiedForDomain == rhs.verifiedForDomain
    }

    /// `$context.identity.clientCert.NAME` (`clientCertPem`, `subjectDN`, `issuerDN`,
    /// `serialNumber`, `validity.notBefore`, `validity.notAfter`), or nil for another name.
    package func field(_ name: Substring) -> String? {
        switch name {
        case "clientCertPem": clientCertPem
        case "subjectDN": subjectDN
        case "issuerDN": issuerDN
        case "serialNumber": serialNumber
        case "validity.notBefore": notBefore
        case "validity.notAfter": notAfter
        default: nil
        }
    }

    /// The fields of `certificate` (borrowed, not freed here), or nil when libcrypto cannot print one.
    static func read(_ certificate: OpaquePointer, domain: String) -> TLSClientCertificate? {
        guard let pem = memoryText({ PEM_write_bio_X509($0, certificate) == 1 }),
              let subject = memoryText({ X509_NAME_print_ex($0, X509_get_subject_name(certificate), 0, tollgate_dn_print_flags()) >= 0 }),
              let issuer = memoryText({ X509_NAME_print_ex($0, X509_get_issuer_name(certificate), 0, tollgate_dn_print_flags()) >= 0 }),
              let notBefore = memoryText({ ASN1_TIME_print($0, X509_get0_notBefore(certificate)) == 1 }),
              let notAfter = memoryText({ ASN1_TIME_print($0, X509_get0_notAfter(certificate)) == 1 }),
              let number = ASN1_INTEGER_to_BN(X509_get0_serialNumber(certificate), nil) else {
            ERR_clear_error()
            return nil
        }
        defer { BN_free(number) }
        guard let decimal = BN_bn2dec(number) else { return nil }
        defer { CRYPTO_free(decimal, #fileID, #line) }
        return TLSClientCertificate(clientCertPem: pem, subjectDN: subject, issuerDN: issuer, serialNumber: String(cString: decimal),
                                    notBefore: notBefore, notAfter: notAfter, verifiedForDomain: domain)
    }

    /// What `write` printed into a fresh memory BIO, as text; nil when it failed.
    private static func memoryText(_ write: (OpaquePointer) -> Bool) -> String? {
        guard let bio = BIO_new(BIO_s_mem()) else { return nil }
        defer { BIO_free(bio) }
        guard write(bio) else { return nil }
        var data: UnsafeMutablePointer<CChar>?
        // BIO_get_mem_data is a macro over BIO_ctrl. Safe: it points at `length` bytes the BIO owns.
        let length = BIO_ctrl(bio, BIO_CTRL_INFO, 0, &data)
        guard let data, length >= 0 else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
    }
}
