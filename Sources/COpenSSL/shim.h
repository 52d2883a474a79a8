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
