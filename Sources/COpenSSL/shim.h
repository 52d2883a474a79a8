#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <openssl/rand.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/rsa.h>
#include <openssl/param_build.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/bn.h>
#include <openssl/ssl.h>

/* X509_NAME_print_ex flags for AWS's `subjectDN`/`issuerDN` form: RFC 2253 escaping and ","
   separators, but in the certificate's own order (C first), as API Gateway shows them. The
   composite macro does not import into Swift. */
static inline unsigned long tollgate_dn_print_flags(void) { return XN_FLAG_RFC2253 & ~XN_FLAG_DN_REV; }

/* SHA-256 through libcrypto's low-level functions, for the hot paths that hash short messages
   (SigV4's canonical request and HMACs, Sources/Shared/Crypto/SHA256State.swift): a `SHA256_CTX` is a
   plain struct the caller holds, so there is no `EVP_MD_CTX` to allocate, initialise through the
   provider and free per message, and an HMAC's keyed state can be copied instead of recomputed.
   OpenSSL 3 marks these deprecated in favour of EVP (they remain in its default build); the
   wrappers keep the deprecation out of Swift's view, one place to change if they ever go. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
static inline int tollgate_sha256_init(SHA256_CTX *context) { return SHA256_Init(context); }
static inline int tollgate_sha256_update(SHA256_CTX *context, const void *data, size_t count) {
    return SHA256_Update(context, data, count);
}
static inline int tollgate_sha256_final(unsigned char *digest, SHA256_CTX *context) { return SHA256_Final(digest, context); }
#pragma GCC diagnostic pop
