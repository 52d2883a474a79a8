import Shared

/// The account resource (one row; AWS's defaults until first updated).
extension ConfigTransaction {
    /// The account, or `Account()` (rate 10000, burst 5000) when it was never updated.
    package func account() throws(StoreError) -> Account {
        try document(Account.self, "SELECT doc FROM account WHERE id = 1", []) ?? Account()
    }

    /// Stores the account. Bumps the revision (nodes enforce the account throttle).
    package func putAccount(_ account: Account) throws(StoreError) {
        try db.run("INSERT INTO account (id, doc) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc",
                   [StoreCodec.encode(account)])
        try bumpRevision()
    }
}
