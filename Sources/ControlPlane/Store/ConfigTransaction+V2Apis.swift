import Shared

/// `apigatewayv2` APIs: one `V2ApiDocument` per API (attributes, routes, integrations, authorizers,
/// stages, deployments) in `v2_apis`, apart from the REST APIs. Edits are read-modify-write of the
/// document inside one write transaction. A write that changes what nodes serve of the API (its
/// `servedForm`: deployed stages and their deployments, CORS, the execute-api switch) bumps the
/// revision (so does one to a WebSocket API's `servedWebSocketForm`); any other (a route not deployed yet, tags, a deployment's description) does not.
extension ConfigTransaction {
    func v2Api(_ id: String) throws(StoreError) -> V2ApiDocument? {
        try document(V2ApiDocument.self, "SELECT doc FROM v2_apis WHERE id = ?", [.text(id)])
    }

    /// Every v2 API, oldest first (ties in creation order).
    func v2Apis() throws(StoreError) -> [V2ApiDocument] {
        try documents(V2ApiDocument.self, "SELECT doc FROM v2_apis ORDER BY created, rowid")
    }

    /// What nodes serve of every deployed HTTP API, sorted by id (`V2ApiDocument.servedForm`).
    package func servedHttpApis() throws(StoreError) -> [SnapshotHttpApi] {
        try v2Apis().compactMap(\.servedForm).sorted { $0.apiId < $1.apiId }
    }

    /// What nodes serve of every deployed WebSocket API, sorted by id (`V2ApiDocument.servedWebSocketForm`).
    package func servedWebSocketApis() throws(StoreError) -> [SnapshotWebSocketApi] {
        try v2Apis().compactMap(\.servedWebSocketForm).sorted { $0.apiId < $1.apiId }
    }

    /// Whether `id` names an API of either service (they share the `{id}.execute-api` host names).
    func apiIdInUse(_ id: String) throws(StoreError) -> Bool {
        try !db.query("SELECT 1 FROM v2_apis WHERE id = ? UNION ALL SELECT 1 FROM rest_apis WHERE id = ?",
                      [.text(id), .text(id)]).isEmpty
    }

    func insertV2Api(_ document: V2ApiDocument, created: Int64) throws(StoreError) {
        try db.run("INSERT INTO v2_apis (id, created, doc) VALUES (?, ?, ?)",
                   [.text(document.api.apiId), .integer(created), StoreCodec.encode(document)])
        if document.isServed { try bumpRevision() }
    }

    /// Replaces the stored document of `document.api.apiId`; returns false if there is no such API.
    @discardableResult
    func updateV2Api(_ document: V2ApiDocument) throws(StoreError) -> Bool {
        let stored = try v2Api(document.api.apiId)
        let changed = try db.run("UPDATE v2_apis SET doc = ? WHERE id = ?", [StoreCodec.encode(document), .text(document.api.apiId)]) == 1
        if changed, document.servesDifferently(from: stored) { try bumpRevision() }
        return changed
    }

    /// Deletes the API with everything it owns. Returns false if there was no such API.
    func deleteV2Api(_ id: String) throws(StoreError) -> Bool {
        let served = try v2Api(id)?.isServed ?? false
        let deleted = try db.run("DELETE FROM v2_apis WHERE id = ?", [.text(id)]) == 1
        if deleted, served { try bumpRevision() }
        return deleted
    }
}
