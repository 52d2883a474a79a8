import Shared

/// Custom domain names, their base path mappings and access associations. Snapshots carry domain
/// names and mappings (nodes route by `Host`), so every change to those bumps the revision; access
/// associations are not served and do not.
extension ConfigTransaction {
    package func domainName(_ name: String) throws(StoreError) -> DomainName? {
        try document(DomainName.self, "SELECT doc FROM domain_names WHERE name = ?", [.text(name)])
    }

    /// Every domain name, oldest first.
    package func domainNames() throws(StoreError) -> [DomainName] {
        try documents(DomainName.self, "SELECT doc FROM domain_names ORDER BY rowid")
    }

    /// Inserts a new domain name with its uploaded certificate (nil: none uploaded).
    package func insertDomainName(_ domain: DomainName, certificate: DomainCertificate?) throws(StoreError) {
        try changeObserved("""
            INSERT INTO domain_names (name, doc, certificate_body, certificate_chain, private_key) VALUES (?, ?, ?, ?, ?)
            """, [.text(domain.domainName), StoreCodec.encode(domain), certificate.map { .text($0.body) } ?? .null,
                  certificate?.chain.map(SQLiteValue.text) ?? .null, certificate.map { .text($0.privateKey) } ?? .null])
    }

    /// Replaces the document of an existing domain name (its certificate material is kept).
    package func updateDomainName(_ domain: DomainName) throws(StoreError) {
        try changeObserved("UPDATE domain_names SET doc = ? WHERE name = ?", [StoreCodec.encode(domain), .text(domain.domainName)])
    }

    /// Replaces the uploaded certificate of an existing domain name (UpdateDomainName's
    /// certificate patches); the next snapshot carries it, so it bumps the revision.
    package func updateDomainCertificate(_ name: String, _ certificate: DomainCertificate) throws(StoreError) {
        _ = try changeObserved("UPDATE domain_names SET certificate_body = ?, certificate_chain = ?, private_key = ? WHERE name = ?",
                           [.text(certificate.body), certificate.chain.map(SQLiteValue.text) ?? .null, .text(certificate.privateKey),
                            .text(name)])
    }

    /// The certificate uploaded for a domain name, or nil (none uploaded, or no such domain).
    package func domainCertificate(_ name: String) throws(StoreError) -> DomainCertificate? {
        guard let row = try db.query("SELECT certificate_body, certificate_chain, private_key FROM domain_names WHERE name = ?",
                                     [.text(name)]).first,
              let body = try row.optionalText(0), let key = try row.optionalText(2) else { return nil }
        return DomainCertificate(body: body, chain: try row.optionalText(1), privateKey: key)
    }

    /// Sets (or, nil, clears) the mutual TLS truststore of an existing domain name: the PEM bundle
    /// nodes verify client certificates against. The next snapshot carries it (a revision bump).
    package func updateDomainTruststore(_ name: String, _ truststore: String?) throws(StoreError) {
        _ = try changeObserved("UPDATE domain_names SET truststore = ? WHERE name = ?",
                               [truststore.map(SQLiteValue.text) ?? .null, .text(name)])
    }

    /// The mutual TLS truststore of a domain name, or nil (none, or no such domain).
    package func domainTruststore(_ name: String) throws(StoreError) -> String? {
        try db.query("SELECT truststore FROM domain_names WHERE name = ?", [.text(name)]).first?.optionalText(0)
    }

    /// Deletes a domain name with its mappings and associations. Returns false if there was none.
    package func deleteDomainName(_ name: String) throws(StoreError) -> Bool {
        try changeObserved("DELETE FROM domain_names WHERE name = ?", [.text(name)])
    }

    // MARK: - Base path mappings

    package func basePathMapping(domainName: String, basePath: String) throws(StoreError) -> BasePathMapping? {
        try document(BasePathMapping.self, "SELECT doc FROM base_path_mappings WHERE domain_name = ? AND base_path = ?",
                     [.text(domainName), .text(basePath)])
    }

    /// The mappings of a domain name, oldest first.
    package func basePathMappings(domainName: String) throws(StoreError) -> [BasePathMapping] {
        try documents(BasePathMapping.self, "SELECT doc FROM base_path_mappings WHERE domain_name = ? ORDER BY rowid",
                      [.text(domainName)])
    }

    /// Inserts a mapping; returns false (storing nothing) if the domain already has that base path.
    package func insertBasePathMapping(domainName: String, _ mapping: BasePathMapping) throws(StoreError) -> Bool {
        try changeObserved("""
            INSERT OR IGNORE INTO base_path_mappings (domain_name, base_path, rest_api_id, doc) VALUES (?, ?, ?, ?)
            """, [.text(domainName), .text(mapping.basePath), .text(mapping.restApiId), StoreCodec.encode(mapping)])
    }

    /// Deletes a mapping. Returns false if there was none.
    package func deleteBasePathMapping(domainName: String, basePath: String) throws(StoreError) -> Bool {
        try changeObserved("DELETE FROM base_path_mappings WHERE domain_name = ? AND base_path = ?",
                           [.text(domainName), .text(basePath)])
    }

    // MARK: - Access associations

    package func domainNameAccessAssociation(_ arn: String) throws(StoreError) -> DomainNameAccessAssociation? {
        try document(DomainNameAccessAssociation.self, "SELECT doc FROM domain_name_access_associations WHERE arn = ?", [.text(arn)])
    }

    /// Every association, oldest first.
    package func domainNameAccessAssociations() throws(StoreError) -> [DomainNameAccessAssociation] {
        try documents(DomainNameAccessAssociation.self, "SELECT doc FROM domain_name_access_associations ORDER BY rowid")
    }

    /// Inserts an association of `domainName`, or replaces the one with the same ARN.
    package func putDomainNameAccessAssociation(_ association: DomainNameAccessAssociation, domainName: String) throws(StoreError) {
        try db.run("""
            INSERT INTO domain_name_access_associations (arn, domain_name, doc) VALUES (?, ?, ?)
            ON CONFLICT (arn) DO UPDATE SET doc = excluded.doc
            """, [.text(association.domainNameAccessAssociationArn), .text(domainName), StoreCodec.encode(association)])
    }

    /// Deletes an association. Returns false if there was none.
    package func deleteDomainNameAccessAssociation(_ arn: String) throws(StoreError) -> Bool {
        try db.run("DELETE FROM domain_name_access_associations WHERE arn = ?", [.text(arn)]) == 1
    }
}
