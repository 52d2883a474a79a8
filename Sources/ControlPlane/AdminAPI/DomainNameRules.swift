import Shared

/// AWS's checks of a custom domain name's inputs and the values AWS fills in, kept pure.
enum DomainNameRules {
    /// CloudFront's hosted zone, which every EDGE domain name's `distributionHostedZoneId` names.
    static let cloudFrontHostedZoneId = "Z2FDTNDATAQYW2"

    /// `execute-api`'s regional hosted zones (AWS general reference, "API Gateway endpoints and
    /// quotas"); a region not listed gets no `regionalHostedZoneId`.
    static let regionalHostedZoneIds: [String: String] = [
        "us-east-1": "Z1UJRXOUMOOFQ8", "us-east-2": "ZOJJZC49E0EPZ", "us-west-1": "Z2MUQ32089INYE",
        "us-west-2": "Z2OJLYMUO9EFXC", "ca-central-1": "Z19DQILCV0OWEC", "eu-west-1": "ZLY8HYME6SFDD",
        "eu-west-2": "ZJ5UAJN8Y3Z2Q", "eu-west-3": "Z3KY65QIEKYHQQ", "eu-central-1": "Z1U9ULNL0V5AJ3",
        "eu-north-1": "Z3UWIKFBOOGXPP", "ap-northeast-1": "Z1YSHQZHG15GKL", "ap-northeast-2": "Z20JF4UZKIW1U8",
        "ap-southeast-1": "ZL327KTPIQFUL", "ap-southeast-2": "Z2RPCDW04V8134", "ap-south-1": "Z3VO1THU9YC4UR",
        "sa-east-1": "ZCMLWB8V5SYIT",
    ]

    /// A DNS host name (RFC 1123 labels of letters, digits and `-`, at most 63 octets each, 253 in
    /// all), optionally with a leading `*.` wildcard label.
    static func isValidHostName(_ name: String) -> Bool {
        var rest = Substring(name)
        if rest.hasPrefix("*.") { rest = rest.dropFirst(2) }
        guard !rest.isEmpty, name.utf8.count <= 253 else { return false }
        return rest.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty && label.utf8.count <= 63 && label.first != "-" && label.last != "-"
                && label.utf8.allSatisfy { $0 == UInt8(ascii: "-") || (0x30...0x39).contains($0) || (0x41...0x5a).contains($0) || (0x61...0x7a).contains($0) }
        }
    }

    /// An ACM (or IAM server) certificate ARN: `arn:{partition}:acm:{region}:{account}:certificate/{id}`
    /// or `arn:{partition}:iam::{account}:server-certificate/{name}`.
    static func isCertificateArn(_ arn: String) -> Bool {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", !parts[1].isEmpty else { return false }
        switch parts[2] {
        case "acm": return parts[5].hasPrefix("certificate/") && parts[5].count > "certificate/".count
        case "iam": return parts[5].hasPrefix("server-certificate/") && parts[5].count > "server-certificate/".count
        default: return false
        }
    }

    /// The uploaded certificate, checked with libcrypto: none of the three given is no upload; a body
    /// needs its private key (and the reverse); the body is a PEM X.509 certificate not yet expired
    /// at `now`, the key an unencrypted PEM private key of that certificate, the chain (if any) one
    /// or more PEM certificates.
    static func uploadedCertificate(body: String?, privateKey: String?, chain: String?, now: Int64) throws(AdminError) -> DomainCertificate? {
        if body == nil && privateKey == nil && chain == nil { return nil }
        guard let body, !body.isEmpty else { throw .badRequest("certificateBody must be specified with certificatePrivateKey and certificateChain") }
        guard let privateKey, !privateKey.isEmpty else { throw .badRequest("certificatePrivateKey must be specified with certificateBody") }
        let leaf: X509Certificate.Info
        do {
            leaf = try X509Certificate.certificates(pem: body)[0]
        } catch {
            throw .badRequest("Unable to parse certificate body. Please ensure the certificate is in PEM format.")
        }
        guard leaf.notAfter > now else { throw .badRequest("The certificate body has expired.") }
        if let chain, !chain.isEmpty {
            do { _ = try X509Certificate.certificates(pem: chain) } catch {
                throw .badRequest("Unable to parse certificate chain. Please ensure the chain is in PEM format.")
            }
        }
        do {
            try X509Certificate.checkKey(privateKey, matches: body)
        } catch .keyMismatch {
            throw .badRequest("The private key does not match the public key in the certificate body.")
        } catch {
            throw .badRequest("Unable to parse private key. Please ensure it is an unencrypted key in PEM format.")
        }
        return DomainCertificate(body: body, chain: chain.flatMap { $0.isEmpty ? nil : $0 }, privateKey: privateKey)
    }
}
