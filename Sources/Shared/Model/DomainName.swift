/// A custom domain name (botocore `DomainName`) as the admin API shows it.
///
/// Uploaded certificate material (body, chain, private key) is not part of this shape: the store
/// keeps it beside the document (`DomainCertificate`), and the private key is never shown. Nodes
/// route by domain name and serve its certificate by SNI (`SnapshotDomainName`; `docs/tls.md`).
package struct DomainName: Codable, Sendable, Equatable {
    package var domainName: String
    /// Set for PRIVATE domain names only, as on AWS.
    package var domainNameId: String?
    package var domainNameArn: String
    package var certificateName: String?
    package var certificateArn: String?
    /// Epoch seconds when certificate material (uploaded or an ARN) was last set for EDGE/PRIVATE.
    package var certificateUploadDate: Int64?
    package var regionalDomainName: String?
    package var regionalHostedZoneId: String?
    package var regionalCertificateName: String?
    package var regionalCertificateArn: String?
    package var distributionDomainName: String?
    package var distributionHostedZoneId: String?
    package var endpointConfiguration: EndpointConfiguration
    package var domainNameStatus: String
    package var domainNameStatusMessage: String?
    package var securityPolicy: String
    package var endpointAccessMode: String?
    package var tags: [String: String]?
    package var mutualTlsAuthentication: MutualTlsAuthentication?
    package var ownershipVerificationCertificateArn: String?
    package var managementPolicy: String?
    package var policy: String?
    package var routingMode: String

    package init(domainName: String, domainNameArn: String, endpointConfiguration: EndpointConfiguration,
                 securityPolicy: String, routingMode: String) {
        self.domainName = domainName
        self.domainNameArn = domainNameArn
        self.endpointConfiguration = endpointConfiguration
        self.domainNameStatus = "AVAILABLE"
        self.securityPolicy = securityPolicy
        self.routingMode = routingMode
    }

    /// The single endpoint type (AWS allows exactly one per domain name).
    package var endpointType: String { endpointConfiguration.types.first ?? "EDGE" }
}

/// botocore `MutualTlsAuthentication`: where the truststore of a domain name is (Tollgate: a
/// `file://` URI the control plane read; the bundle itself is stored beside the document,
/// `ConfigTransaction.domainTruststore`). Also decodes botocore's `MutualTlsAuthenticationInput`.
package struct MutualTlsAuthentication: Codable, Sendable, Equatable {
    package var truststoreUri: String?
    package var truststoreVersion: String?
    package var truststoreWarnings: [String]?

    package init(truststoreUri: String?, truststoreVersion: String? = nil, truststoreWarnings: [String]? = nil) {
        self.truststoreUri = truststoreUri
        self.truststoreVersion = truststoreVersion
        self.truststoreWarnings = truststoreWarnings
    }
}

/// The certificate material uploaded for a domain name, PEM (what the TLS listener will serve).
/// Stored apart from the `DomainName` document; `privateKey` never leaves the control plane.
package struct DomainCertificate: Sendable, Equatable {
    package var body: String
    package var chain: String?
    package var privateKey: String

    package init(body: String, chain: String?, privateKey: String) {
        self.body = body
        self.chain = chain
        self.privateKey = privateKey
    }
}
