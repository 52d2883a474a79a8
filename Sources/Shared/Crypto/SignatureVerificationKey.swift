import COpenSSL

/// A public key that checks JWS signatures: RS256 (RSASSA-PKCS1-v1_5 with SHA-256) and ES256
/// (ECDSA on P-256 with SHA-256), built from a JWK's components through libcrypto.
///
/// Immutable once built: OpenSSL 3 documents an `EVP_PKEY` as safe to use from several threads
/// for verification, each call with its own `EVP_MD_CTX`. No OpenSSL type leaves this file.
package final class SignatureVerificationKey: @unchecked Sendable {
    /// Which JWS algorithm the key verifies.
    package enum Algorithm: String, Sendable, Equatable {
        case rs256 = "RS256"
        case es256 = "ES256"
    }

    package let algorithm: Algorithm
    // Safe: owned (freed in deinit), never mutated after init; verification only reads it.
    private let key: OpaquePointer

    private init(algorithm: Algorithm, key: OpaquePointer) {
        self.algorithm = algorithm
        self.key = key
    }

    deinit { EVP_PKEY_free(key) }

    /// An RSA public key from its big-endian modulus and exponent (JWK `n`, `e`); nil when
    /// libcrypto refuses them or the modulus is under 2048 bits.
    package static func rsa(modulus: [UInt8], exponent: [UInt8]) -> SignatureVerificationKey? {
        let significant = modulus.drop(while: { $0 == 0 })
        guard significant.count * 8 >= 2048, significant.count <= 2048, !exponent.isEmpty, exponent.count <= 8 else { return nil }
        guard let builder = OSSL_PARAM_BLD_new() else { return nil }
        defer { OSSL_PARAM_BLD_free(builder) }
        guard let n = BN_bin2bn(modulus, Int32(modulus.count), nil) else { return nil }
        defer { BN_free(n) }
        guard let e = BN_bin2bn(exponent, Int32(exponent.count), nil) else { return nil }
        defer { BN_free(e) }
        guard OSSL_PARAM_BLD_push_BN(builder, cString("n"), n) == 1, OSSL_PARAM_BLD_push_BN(builder, cString("e"), e) == 1 else { return nil }
        return fromData(builder, type: "RSA").map { SignatureVerificationKey(algorithm: .rs256, key: $0) }
    }

    /// A P-256 public key from its 32-byte big-endian coordinates (JWK `x`, `y`); nil when the
    /// point is not on the curve.
    package static func p256(x: [UInt8], y: [UInt8]) -> SignatureVerificationKey? {
        guard x.count == 32, y.count == 32 else { return nil }
        guard let builder = OSSL_PARAM_BLD_new() else { return nil }
        defer { OSSL_PARAM_BLD_free(builder) }
        let point: [UInt8] = [0x04] + x + y
        let pushed = point.withUnsafeBytes { bytes in
            // Safe: the builder keeps these pointers until `to_param` copies them, which `fromData`
            // runs inside this closure, while `point` is alive; the names are static strings.
            OSSL_PARAM_BLD_push_utf8_string(builder, cString("group"), cString("prime256v1"), 0) == 1
                && OSSL_PARAM_BLD_push_octet_string(builder, cString("pub"), bytes.baseAddress, bytes.count) == 1
                ? fromData(builder, type: "EC") : nil
        }
        return pushed.map { SignatureVerificationKey(algorithm: .es256, key: $0) }
    }

    /// A NUL-terminated C string that lives as long as the process: `OSSL_PARAM_BLD` keeps the
    /// parameter names (and string values) it is given by pointer until `to_param`, so a Swift
    /// string's temporary C copy would dangle.
    static func cString(_ text: StaticString) -> UnsafePointer<CChar> {
        // Safe: a string literal's storage is static, UTF-8 and NUL-terminated.
        UnsafeRawPointer(text.utf8Start).assumingMemoryBound(to: CChar.self)
    }

    /// An `EVP_PKEY` of `type` from the builder's parameters (public key only).
    private static func fromData(_ builder: OpaquePointer, type: String) -> OpaquePointer? {
        guard let params = OSSL_PARAM_BLD_to_param(builder) else { return nil }
        defer { OSSL_PARAM_free(params) }
        guard let context = EVP_PKEY_CTX_new_from_name(nil, type, nil) else { return nil }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_fromdata_init(context) == 1 else { return nil }
        var key: OpaquePointer?
        let selection = Int32(OSSL_KEYMGMT_SELECT_PUBLIC_KEY | OSSL_KEYMGMT_SELECT_DOMAIN_PARAMETERS | OSSL_KEYMGMT_SELECT_OTHER_PARAMETERS)
        guard EVP_PKEY_fromdata(context, &key, selection, params) == 1, let key else {
            ERR_clear_error()
            return nil
        }
        return key
    }

    /// Whether `signature` (JWS form: PKCS#1 bytes for RS256, raw `r‖s` for ES256) signs `message`.
    package func verify(signature: [UInt8], message: [UInt8]) -> Bool {
        let encoded: [UInt8]
        switch algorithm {
        case .rs256: encoded = signature
        case .es256:
            guard let der = ECDSASignature.der(fromRaw: signature) else { return false }
            encoded = der
        }
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, LibCrypto.sha256.pointer, nil, key) == 1 else {
            ERR_clear_error()
            return false
        }
        let result = EVP_DigestVerify(context, encoded, encoded.count, message, message.count)
        if result != 1 { ERR_clear_error() }
        return result == 1
    }
}

/// ECDSA signatures between JWS's raw `r‖s` (RFC 7518 §3.4) and the DER `SEQUENCE { INTEGER r,
/// INTEGER s }` libcrypto takes. Pure byte work.
package enum ECDSASignature {
    /// DER from 64 raw bytes; nil for any other length.
    package static func der(fromRaw raw: [UInt8]) -> [UInt8]? {
        guard raw.count == 64 else { return nil }
        func integer(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
            var value = Array(bytes.drop(while: { $0 == 0 }))
            if value.isEmpty { value = [0] }
            if value[0] & 0x80 != 0 { value.insert(0, at: 0) }
            return [0x02, UInt8(value.count)] + value
        }
        let body = integer(raw[0..<32]) + integer(raw[32..<64])
        return [0x30, UInt8(body.count)] + body
    }

    /// 64 raw bytes from DER; nil when it is not a short-form sequence of two integers of at most 32 bytes.
    package static func raw(fromDER der: [UInt8]) -> [UInt8]? {
        guard der.count >= 8, der[0] == 0x30, Int(der[1]) == der.count - 2 else { return nil }
        var index = 2
        var out: [UInt8] = []
        for _ in 0..<2 {
            guard index + 2 <= der.count, der[index] == 0x02 else { return nil }
            let length = Int(der[index + 1])
            guard index + 2 + length <= der.count else { return nil }
            let value = der[(index + 2)..<(index + 2 + length)].drop(while: { $0 == 0 })
            guard value.count <= 32 else { return nil }
            out += [UInt8](repeating: 0, count: 32 - value.count) + value
            index += 2 + length
        }
        return index == der.count ? out : nil
    }
}
