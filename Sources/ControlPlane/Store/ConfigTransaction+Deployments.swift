import Shared

/// Deployments: immutable frozen copies of an API's definition. Only the description can change.
extension ConfigTransaction {
    package func insertDeployment(restApiId: String, _ deployment: Deployment, content: DeploymentContent) throws(StoreError) {
        try db.run("INSERT INTO deployments (api_id, id, created, description, content) VALUES (?, ?, ?, ?, ?)",
                   [.text(restApiId), .text(deployment.id), .integer(deployment.createdDate),
                    deployment.description.map(SQLiteValue.text) ?? .null, StoreCodec.encode(content)])
    }

    /// A deployment's metadata (without `apiSummary`), or nil.
    package func deployment(restApiId: String, id: String) throws(StoreError) -> Deployment? {
        try db.query("SELECT id, created, description FROM deployments WHERE api_id = ? AND id = ?",
                     [.text(restApiId), .text(id)]).first.map(Self.deployment)
    }

    /// Every deployment of an API, oldest first.
    package func deployments(restApiId: String) throws(StoreError) -> [Deployment] {
        var result: [Deployment] = []
        for row in try db.query("SELECT id, created, description FROM deployments WHERE api_id = ? ORDER BY created, rowid",
                                [.text(restApiId)]) {
            result.append(try Self.deployment(row))
        }
        return result
    }

    /// The frozen definition of a deployment, or nil.
    package func deploymentContent(restApiId: String, id: String) throws(StoreError) -> DeploymentContent? {
        try document(DeploymentContent.self, "SELECT content FROM deployments WHERE api_id = ? AND id = ?",
                     [.text(restApiId), .text(id)])
    }

    /// The stored (JSON) bytes of a deployment's frozen definition, or nil; for callers that cache
    /// decoded definitions by content.
    package func deploymentContentBytes(restApiId: String, id: String) throws(StoreError) -> [UInt8]? {
        try db.query("SELECT content FROM deployments WHERE api_id = ? AND id = ?", [.text(restApiId), .text(id)])
            .first?.blob(0)
    }

    package func updateDeploymentDescription(restApiId: String, id: String, description: String?) throws(StoreError) {
        try db.run("UPDATE deployments SET description = ? WHERE api_id = ? AND id = ?",
                   [description.map(SQLiteValue.text) ?? .null, .text(restApiId), .text(id)])
    }

    /// Deletes a deployment; the schema refuses it while a stage points at it (check
    /// `stageNames(restApiId:deploymentId:)` first to answer with AWS's message).
    @discardableResult
    package func deleteDeployment(restApiId: String, id: String) throws(StoreError) -> Bool {
        try db.run("DELETE FROM deployments WHERE api_id = ? AND id = ?", [.text(restApiId), .text(id)]) == 1
    }

    private static func deployment(_ row: SQLiteRow) throws(StoreError) -> Deployment {
        Deployment(id: try row.text(0), description: try row.optionalText(2), createdDate: try row.int(1))
    }
}
