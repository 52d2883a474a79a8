import Shared

/// Client certificates: GenerateClientCertificate (a new RSA-2048 key and a self-signed certificate
/// made with libcrypto, valid 365 days as on AWS; the key stays in the store), Get/GetAll,
/// UpdateClientCertificate (`/description`), Delete. A stage names one with UpdateStage
/// `/clientCertificateId`; nodes present it to the stage's HTTPS integrations (docs/tls.md).
extension AdminAPI {
    static let clientCertificates = AdminResource<Void, ClientCertificate>(
        label: "clientcertificate_id", notFound: "Invalid Client Certificate identifier specified") { tx, id in try tx.clientCertificate(id) }

    /// How long a generated certificate is valid, in days.
    static let clientCertificateDays = 365

    static let clientCertificateHandlers: [String: Handler] = [
        "GenerateClientCertificate": { api, call, tx in
            let input = try call.input(GenerateClientCertificateInput.self)
            let id = try clientCertificates.freshID(length: ResourceID.childLength, tx)
            let generated: X509Certificate.Generated
            do {
                generated = try X509Certificate.generateSelfSigned(commonName: "Tollgate client certificate \(id)", now: call.now,
                                                                   days: clientCertificateDays)
            } catch {
                throw AdminError.internalFailure("client certificate generation failed: \(error)")
            }
            let certificate = ClientCertificate(clientCertificateId: id, description: input.description,
                                                pemEncodedCertificate: generated.certificatePEM, createdDate: call.now,
                                                expirationDate: generated.notAfter, tags: try TagRules.checked(input.tags ?? [:]))
            try tx.insertClientCertificate(certificate, privateKey: generated.privateKeyPEM)
            call.targets.append(id)
            return try .json(certificate)
        },
        "GetClientCertificates": clientCertificates.listHandler { _, _, tx in try tx.clientCertificates() },
        "GetClientCertificate": clientCertificates.getHandler(),
        "UpdateClientCertificate": clientCertificates.updateHandler(apply: { patch, certificate, _ in
            guard patch.op == "replace", patch.path == "/description" else { throw patch.invalidPath(mustBeOneOf: ["/description"]) }
            certificate.description = patch.value
        }, save: { certificate, _, _, tx in try tx.updateClientCertificate(certificate) }),
        "DeleteClientCertificate": clientCertificates.deleteHandler { tx, _, id in try tx.deleteClientCertificate(id) },
    ]

    /// Body of GenerateClientCertificate.
    struct GenerateClientCertificateInput: Decodable {
        var description: String?
        var tags: [String: String]?
    }
}
