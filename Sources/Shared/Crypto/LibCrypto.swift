import COpenSSL

/// The libcrypto algorithm handles Tollgate uses, fetched once per process.
///
/// OpenSSL 3 looks an algorithm up in its provider tables every time a legacy getter such as
/// `EVP_sha256()` is passed to an init call; fetching once and reusing the handle skips that lookup
/// and its lock on every digest. Fetched `EVP_MD`/`EVP_MAC` objects are immutable and may be shared
/// by any number of threads (OpenSSL 3 "Threads" manual page). Internal to `Shared/Crypto`: no
/// OpenSSL type leaves this folder.
enum LibCrypto {
    /// A fetched algorithm handle that may cross threads.
    // Safe: the pointee is an immutable, reference-counted libcrypto object that OpenSSL documents
    // as usable from several threads at once; we never free it (it lives as long as the process).
    struct Handle: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    /// SHA-256 from the default provider.
    static let sha256: Handle = {
        guard let md = EVP_MD_fetch(nil, "SHA256", nil) else {
            fatalError("libcrypto has no SHA256 implementation: \(lastError())")
        }
        return Handle(pointer: md)
    }()

    /// SHA-1 from the default provider: only for RFC 6455's `Sec-WebSocket-Accept`, which fixes
    /// the algorithm (no security rests on it there). Never use it for anything else.
    static let sha1: Handle = {
        guard let md = EVP_MD_fetch(nil, "SHA1", nil) else {
            fatalError("libcrypto has no SHA1 implementation: \(lastError())")
        }
        return Handle(pointer: md)
    }()

    /// The oldest queued libcrypto error as text, for fatal messages only.
    static func lastError() -> String {
        let code = ERR_get_error()
        guard code != 0 else { return "no libcrypto error queued" }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
