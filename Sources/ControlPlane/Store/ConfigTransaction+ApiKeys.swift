import Shared

/// API keys. Every mutator bumps the revision (nodes authenticate with key hashes and `enabled`).
extension ConfigTransaction {
    /// The key with its value, or nil.
    package func apiKey(_ id: String) throws(StoreError) -> ApiKey? {
        try document(ApiKey.self, "SELECT doc FROM api_keys WHERE id = ?", [.text(id)])
    }

    /// Every key with its value, oldest first.
    package func apiKeys() throws(StoreError) -> [ApiKey] {
        try documents(ApiKey.self, "SELECT doc FROM api_keys ORDER BY rowid")
    }

    /// True if some key already has `value`.
    package func apiKeyValueExists(_ value: String) throws(StoreError) -> Bool {
        try !db.query("SELECT 1 FROM api_keys WHERE value = ?", [.text(value)]).isEmpty
    }

    /// Inserts a new key, or replaces the key of the same id. `key.value` must be set. Bumps the revision.
    package func putApiKey(_ key: ApiKey) throws(StoreError) {
        guard let value = key.value else { throw .corrupt("an API key is stored with its value") }
        try db.run("""
            INSERT INTO api_keys (id, value, doc) VALUES (?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET value = excluded.value, doc = excluded.doc
            """, [.text(key.id), .text(value), StoreCodec.encode(key)])
        try bumpRevision()
    }

    /// Deletes a key (and its usage-plan memberships). Returns false if there was none.
    @discardableResult
    package func deleteApiKey(_ id: String) throws(StoreError) -> Bool {
        try changeObserved("DELETE FROM api_keys WHERE id = ?", [.text(id)])
    }
}
