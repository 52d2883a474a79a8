/// A custom domain's `securityPolicy` as the TLS listener enforces it for connections whose SNI
/// names the domain (issue 15; docs/tls.md, "Custom domain names").
///
/// - `TLS_1_2`: TLS 1.2 and 1.3, the listener's own ciphers (`TLSContext.modernCiphers`).
/// - `TLS_1_0`: TLS 1.0 and later. OpenSSL 3 refuses TLS 1.0 and 1.1 above security level 0, so
///   such a connection runs at level 0 and adds the ECDHE CBC-SHA suites that AWS's `TLS_1_0`
///   policy lists (TLS 1.0/1.1 have no AEAD suite); TLS 1.2 and 1.3 still come first.
/// AWS's enhanced `SecurityPolicy_*` policies are not served (the admin API refuses them).
package enum TLSSecurityPolicy: Sendable, Equatable {
    case tls10
    case tls12

    /// The policy of an API Gateway `securityPolicy` value, nil for one Tollgate does not serve.
    package init?(apiGatewayName name: String) {
        switch name {
        case "TLS_1_0": self = .tls10
        case "TLS_1_2": self = .tls12
        default: return nil
        }
    }

    /// The ECDHE CBC suites added for TLS 1.0 and 1.1 clients (AWS's `TLS_1_0` list, forward
    /// secrecy only).
    static let legacyCiphers = "ECDHE-ECDSA-AES128-SHA:ECDHE-RSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA:ECDHE-RSA-AES256-SHA"
}
