import Shared

/// VPC links and client certificates. Snapshots carry the VPC links (integrations with
/// `connectionType: VPC_LINK` connect to their targets), so writing or deleting one bumps the
/// revision and reaches the nodes at once, as a change to a link does on AWS without a redeployment.
/// Stages cannot name a client certificate yet (refused in the admin API): certificates do not.
extension ConfigTransaction {
    package func vpcLink(_ id: String) throws(StoreError) -> VpcLink? {
        try document(VpcLink.self, "SELECT doc FROM vpc_links WHERE id = ?", [.text(id)])
    }

    /// Every VPC link, oldest first.
    package func vpcLinks() throws(StoreError) -> [VpcLink] {
        try documents(VpcLink.self, "SELECT doc FROM vpc_links ORDER BY rowid")
    }

    /// Inserts a VPC link or replaces the one with the same id.
    package func putVpcLink(_ link: VpcLink) throws(StoreError) {
        try db.run("INSERT INTO vpc_links (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc",
                   [.text(link.id), StoreCodec.encode(link)])
        try bumpRevision()
    }

    /// Deletes a VPC link. Returns false if there was none.
    package func deleteVpcLink(_ id: String) throws(StoreError) -> Bool {
        guard try db.run("DELETE FROM vpc_links WHERE id = ?", [.text(id)]) == 1 else { return false }
        try bumpRevision()
        return true
    }

    // MARK: - Client certificates

    package func clientCertificate(_ id: String) throws(StoreError) -> ClientCertificate? {
        try document(ClientCertificate.self, "SELECT doc FROM client_certificates WHERE id = ?", [.text(id)])
    }

    /// Every client certificate, oldest first.
    package func clientCertificates() throws(StoreError) -> [ClientCertificate] {
        try documents(ClientCertificate.self, "SELECT doc FROM client_certificates ORDER BY rowid")
    }

    /// The private key of a client certificate (PKCS#8 PEM), for the node that will present it.
    package func clientCertificatePrivateKey(_ id: String) throws(StoreError) -> String? {
        try db.query("SELECT private_key FROM client_certificates WHERE id = ?", [.text(id)]).first?.text(0)
    }

    /// Inserts a new certificate with its key.
    package func insertClientCertificate(_ certificate: ClientCertificate, privateKey: String) throws(StoreError) {
        try db.run("INSERT INTO client_certificates (id, doc, private_key) VALUES (?, ?, ?)",
                   [.text(certificate.clientCertificateId), StoreCodec.encode(certificate), .text(privateKey)])
    }

    /// Replaces the document of an existing certificate (description, tags); the key is kept.
    package func updateClientCertificate(_ certificate: ClientCertificate) throws(StoreError) {
        try db.run("UPDATE client_certificates SET doc = ? WHERE id = ?",
                   [StoreCodec.encode(certificate), .text(certificate.clientCertificateId)])
    }

    /// Deletes a certificate and its key. Returns false if there was none.
    package func deleteClientCertificate(_ id: String) throws(StoreError) -> Bool {
        try db.run("DELETE FROM client_certificates WHERE id = ?", [.text(id)]) == 1
    }
}
