import Shared

/// REST API definitions: one JSON `DeploymentContent` document per API (attributes + every resource
/// with its methods, integrations and responses embedded). Editing an API is read-modify-write of
/// that document inside one write transaction. These edits do not bump the revision: nodes only see
/// an API through a deployment.
extension ConfigTransaction {
    package func restApi(_ id: String) throws(StoreError) -> DeploymentContent? {
        try document(DeploymentContent.self, "SELECT doc FROM rest_apis WHERE id = ?", [.text(id)])
    }

    /// Every API definition, oldest first (ties in creation order).
    package func restApis() throws(StoreError) -> [DeploymentContent] {
        try documents(DeploymentContent.self, "SELECT doc FROM rest_apis ORDER BY created, rowid")
    }

    package func insertRestApi(_ content: DeploymentContent) throws(StoreError) {
        try db.run("INSERT INTO rest_apis (id, created, doc) VALUES (?, ?, ?)",
                   [.text(content.api.id), .integer(content.api.createdDate), StoreCodec.encode(content)])
    }

    /// Replaces the stored definition of `content.api.id`; returns false if there is no such API.
    @discardableResult
    package func updateRestApi(_ content: DeploymentContent) throws(StoreError) -> Bool {
        try db.run("UPDATE rest_apis SET doc = ? WHERE id = ?", [StoreCodec.encode(content), .text(content.api.id)]) == 1
    }

    /// Deletes the API with its deployments and stages (cascade). Bumps the revision when a stage went
    /// with it. Returns false if there was no such API.
    @discardableResult
    package func deleteRestApi(_ id: String) throws(StoreError) -> Bool {
        // Its stages and base path mappings (deleted with it) are in snapshots.
        let hasStages = try !db.query("SELECT 1 FROM stages WHERE api_id = ? LIMIT 1", [.text(id)]).isEmpty
        let hasMappings = try !db.query("SELECT 1 FROM base_path_mappings WHERE rest_api_id = ? LIMIT 1", [.text(id)]).isEmpty
        let observed = hasStages || hasMappings
        let deleted = try db.run("DELETE FROM rest_apis WHERE id = ?", [.text(id)]) == 1
        if observed { try bumpRevision() }
        return deleted
    }
}
