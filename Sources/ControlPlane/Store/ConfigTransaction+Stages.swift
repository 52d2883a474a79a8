import Shared

/// Stages: a name pointing at a deployment, with settings. Every change here is visible to data-plane
/// nodes, so each mutator bumps the global revision; deployment changes also append `stage_history`.
extension ConfigTransaction {
    package func stage(restApiId: String, name: String) throws(StoreError) -> Stage? {
        try document(Stage.self, "SELECT doc FROM stages WHERE api_id = ? AND name = ?", [.text(restApiId), .text(name)])
    }

    /// Every stage of an API, by name.
    package func stages(restApiId: String) throws(StoreError) -> [Stage] {
        try documents(Stage.self, "SELECT doc FROM stages WHERE api_id = ? ORDER BY name", [.text(restApiId)])
    }

    /// Every stage of every API, ordered by API id then stage name (the snapshot's order).
    package func allStages() throws(StoreError) -> [(restApiId: String, stage: Stage)] {
        var result: [(restApiId: String, stage: Stage)] = []
        for row in try db.query("SELECT api_id, doc FROM stages ORDER BY api_id, name") {
            result.append((try row.text(0), try StoreCodec.decode(Stage.self, row.blob(1))))
        }
        return result
    }

    /// The canary of every stage that has one, in `allStages()` order (`tollgate nodes`).
    package func stageCanaries() throws(StoreError) -> [StageCanary] {
        try allStages().compactMap { StageCanary(restApiId: $0.restApiId, stage: $0.stage) }
    }

    /// Names of the stages of `restApiId` pointing at `deploymentId`.
    package func stageNames(restApiId: String, deploymentId: String) throws(StoreError) -> [String] {
        var names: [String] = []
        for row in try db.query("SELECT name FROM stages WHERE api_id = ? AND deployment_id = ? ORDER BY name",
                                [.text(restApiId), .text(deploymentId)]) {
            names.append(try row.text(0))
        }
        return names
    }

    /// Inserts a new stage, or replaces an existing one of the same name. Bumps the revision.
    package func putStage(restApiId: String, _ stage: Stage) throws(StoreError) {
        try db.run("""
            INSERT INTO stages (api_id, name, deployment_id, doc) VALUES (?, ?, ?, ?)
            ON CONFLICT (api_id, name) DO UPDATE SET deployment_id = excluded.deployment_id, doc = excluded.doc
            """, [.text(restApiId), .text(stage.stageName), .text(stage.deploymentId), StoreCodec.encode(stage)])
        try bumpRevision()
    }

    /// Deletes a stage; returns false if there was none. Bumps the revision when one was deleted.
    @discardableResult
    package func deleteStage(restApiId: String, name: String) throws(StoreError) -> Bool {
        try changeObserved("DELETE FROM stages WHERE api_id = ? AND name = ?", [.text(restApiId), .text(name)])
    }

    /// Records a change of a stage's deployment (`seq` is assigned by the store).
    package func appendStageHistory(_ entry: StageHistoryEntry) throws(StoreError) {
        try db.run("""
            INSERT INTO stage_history (api_id, stage, at, access_key, request_id, from_deployment, to_deployment)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [.text(entry.restApiId), .text(entry.stageName), .integer(entry.at), .text(entry.accessKeyId),
                  .text(entry.requestId), entry.fromDeploymentId.map(SQLiteValue.text) ?? .null,
                  entry.toDeploymentId.map(SQLiteValue.text) ?? .null])
    }

    /// A stage's deployment history, oldest first (kept after the stage is deleted).
    package func stageHistory(restApiId: String, stageName: String) throws(StoreError) -> [StageHistoryEntry] {
        var result: [StageHistoryEntry] = []
        for row in try db.query("""
            SELECT seq, at, access_key, request_id, from_deployment, to_deployment FROM stage_history
            WHERE api_id = ? AND stage = ? ORDER BY seq
            """, [.text(restApiId), .text(stageName)]) {
            result.append(StageHistoryEntry(seq: try row.int(0), restApiId: restApiId, stageName: stageName,
                                            at: try row.int(1), accessKeyId: try row.text(2), requestId: try row.text(3),
                                            fromDeploymentId: try row.optionalText(4), toDeploymentId: try row.optionalText(5)))
        }
        return result
    }
}
