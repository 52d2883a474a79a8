import Shared

/// Documentation parts and versions of REST APIs. Nodes do not serve documentation, so nothing here
/// bumps the revision.
extension ConfigTransaction {
    package func documentationPart(restApiId: String, id: String) throws(StoreError) -> DocumentationPart? {
        try document(DocumentationPart.self, "SELECT doc FROM documentation_parts WHERE api_id = ? AND id = ?", [.text(restApiId), .text(id)])
    }

    /// The parts of an API, oldest first.
    package func documentationParts(restApiId: String) throws(StoreError) -> [DocumentationPart] {
        try documents(DocumentationPart.self, "SELECT doc FROM documentation_parts WHERE api_id = ? ORDER BY rowid", [.text(restApiId)])
    }

    /// Inserts a part or replaces the one with the same id.
    package func putDocumentationPart(restApiId: String, _ part: DocumentationPart) throws(StoreError) {
        try db.run("""
            INSERT INTO documentation_parts (api_id, id, doc) VALUES (?, ?, ?)
            ON CONFLICT (api_id, id) DO UPDATE SET doc = excluded.doc
            """, [.text(restApiId), .text(part.id), StoreCodec.encode(part)])
    }

    /// Deletes a part. Returns false if there was none.
    package func deleteDocumentationPart(restApiId: String, id: String) throws(StoreError) -> Bool {
        try db.run("DELETE FROM documentation_parts WHERE api_id = ? AND id = ?", [.text(restApiId), .text(id)]) == 1
    }

    /// Deletes every part of an API (ImportDocumentationParts `mode=overwrite`).
    package func deleteDocumentationParts(restApiId: String) throws(StoreError) {
        try db.run("DELETE FROM documentation_parts WHERE api_id = ?", [.text(restApiId)])
    }

    // MARK: - Versions

    package func documentationVersion(restApiId: String, version: String) throws(StoreError) -> DocumentationVersion? {
        try document(DocumentationVersion.self, "SELECT doc FROM documentation_versions WHERE api_id = ? AND version = ?",
                     [.text(restApiId), .text(version)])
    }

    /// The versions of an API, oldest first.
    package func documentationVersions(restApiId: String) throws(StoreError) -> [DocumentationVersion] {
        try documents(DocumentationVersion.self, "SELECT doc FROM documentation_versions WHERE api_id = ? ORDER BY rowid", [.text(restApiId)])
    }

    /// The parts as they were when `version` was made, or nil for an unknown version.
    package func documentationVersionParts(restApiId: String, version: String) throws(StoreError) -> [DocumentationPart]? {
        guard let row = try db.query("SELECT parts FROM documentation_versions WHERE api_id = ? AND version = ?",
                                     [.text(restApiId), .text(version)]).first else { return nil }
        return try StoreCodec.decode([DocumentationPart].self, row.blob(0))
    }

    /// Inserts a new version with its snapshot of parts; returns false (storing nothing) if the API
    /// already has that version.
    package func insertDocumentationVersion(restApiId: String, _ version: DocumentationVersion,
                                            parts: [DocumentationPart]) throws(StoreError) -> Bool {
        try db.run("INSERT OR IGNORE INTO documentation_versions (api_id, version, doc, parts) VALUES (?, ?, ?, ?)",
                   [.text(restApiId), .text(version.version), StoreCodec.encode(version), StoreCodec.encode(parts)]) == 1
    }

    /// Replaces the document of an existing version (its description); the snapshot is kept.
    package func updateDocumentationVersion(restApiId: String, _ version: DocumentationVersion) throws(StoreError) {
        try db.run("UPDATE documentation_versions SET doc = ? WHERE api_id = ? AND version = ?",
                   [StoreCodec.encode(version), .text(restApiId), .text(version.version)])
    }

    /// Deletes a version. Returns false if there was none.
    package func deleteDocumentationVersion(restApiId: String, version: String) throws(StoreError) -> Bool {
        try db.run("DELETE FROM documentation_versions WHERE api_id = ? AND version = ?", [.text(restApiId), .text(version)]) == 1
    }
}
