/// botocore `ClientCertificate`: a certificate the gateway would present to backends. Its private
/// key is stored apart and never shown.
package struct ClientCertificate: Codable, Sendable, Equatable {
    package var clientCertificateId: String
    package var description: String?
    package var pemEncodedCertificate: String
    package var createdDate: Int64
    package var expirationDate: Int64
    package var tags: [String: String]?

    package init(clientCertificateId: String, description: String?, pemEncodedCertificate: String,
                 createdDate: Int64, expirationDate: Int64, tags: [String: String]?) {
        self.clientCertificateId = clientCertificateId
        self.description = description
        self.pemEncodedCertificate = pemEncodedCertificate
        self.createdDate = createdDate
        self.expirationDate = expirationDate
        self.tags = tags
    }
}
