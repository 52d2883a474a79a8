import Shared

/// The IAM subset: users, access keys, inline and managed policies, attachments. Every mutator
/// bumps the revision, since nodes authenticate `AWS_IAM` calls with what these tables hold
/// (`SnapshotBuilder` ships users, sealed keys and resolved policies).
extension ConfigTransaction {
    // MARK: - Users

    package func iamUser(_ name: String) throws(StoreError) -> IAMUser? {
        try document(IAMUser.self, "SELECT doc FROM iam_users WHERE name = ?", [.text(name)])
    }

    /// Every user, by name (case-insensitive order, as IAM lists them).
    package func iamUsers() throws(StoreError) -> [IAMUser] {
        try documents(IAMUser.self, "SELECT doc FROM iam_users ORDER BY name")
    }

    /// Inserts a user; false when one of that name (any case) exists.
    package func insertIAMUser(_ user: IAMUser) throws(StoreError) -> Bool {
        guard try iamUser(user.userName) == nil else { return false }
        try db.run("INSERT INTO iam_users (name, doc) VALUES (?, ?)", [.text(user.userName), StoreCodec.encode(user)])
        try bumpRevision()
        return true
    }

    @discardableResult
    package func deleteIAMUser(_ name: String) throws(StoreError) -> Bool {
        try changeObserved("DELETE FROM iam_users WHERE name = ?", [.text(name)])
    }

    // MARK: - Access keys

    package func iamAccessKey(_ id: String) throws(StoreError) -> IAMAccessKey? {
        try document(IAMAccessKey.self, "SELECT doc FROM iam_access_keys WHERE id = ?", [.text(id)])
    }

    /// A user's keys, oldest first.
    package func iamAccessKeys(userName: String) throws(StoreError) -> [IAMAccessKey] {
        try documents(IAMAccessKey.self, "SELECT doc FROM iam_access_keys WHERE user_name = ? ORDER BY rowid", [.text(userName)])
    }

    /// Inserts or replaces a key (a status change replaces it).
    package func putIAMAccessKey(_ key: IAMAccessKey) throws(StoreError) {
        try db.run("""
            INSERT INTO iam_access_keys (id, user_name, doc) VALUES (?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET doc = excluded.doc
            """, [.text(key.accessKeyId), .text(key.userName), StoreCodec.encode(key)])
        try bumpRevision()
    }

    @discardableResult
    package func deleteIAMAccessKey(_ id: String) throws(StoreError) -> Bool {
        try changeObserved("DELETE FROM iam_access_keys WHERE id = ?", [.text(id)])
    }

    // MARK: - Inline policies

    /// A user's inline policy document, or nil.
    package func iamUserPolicy(userName: String, policyName: String) throws(StoreError) -> String? {
        try db.query("SELECT document FROM iam_user_policies WHERE user_name = ? AND policy_name = ?",
                     [.text(userName), .text(policyName)]).first?.text(0)
    }

    /// A user's inline policy names, sorted.
    package func iamUserPolicyNames(userName: String) throws(StoreError) -> [String] {
        try strings("SELECT policy_name FROM iam_user_policies WHERE user_name = ? ORDER BY policy_name", [.text(userName)])
    }

    package func putIAMUserPolicy(userName: String, policyName: String, document: String) throws(StoreError) {
        try db.run("""
            INSERT INTO iam_user_policies (user_name, policy_name, document) VALUES (?, ?, ?)
            ON CONFLICT (user_name, policy_name) DO UPDATE SET document = excluded.document
            """, [.text(userName), .text(policyName), .text(document)])
        try bumpRevision()
    }

    @discardableResult
    package func deleteIAMUserPolicy(userName: String, policyName: String) throws(StoreError) -> Bool {
        try changeObserved("DELETE FROM iam_user_policies WHERE user_name = ? AND policy_name = ?",
                           [.text(userName), .text(policyName)])
    }

    // MARK: - Managed policies and attachments

    package func iamPolicy(arn: String) throws(StoreError) -> IAMManagedPolicy? {
        try document(IAMManagedPolicy.self, "SELECT doc FROM iam_policies WHERE arn = ?", [.text(arn)])
    }

    package func iamPolicies() throws(StoreError) -> [IAMManagedPolicy] {
        try documents(IAMManagedPolicy.self, "SELECT doc FROM iam_policies ORDER BY arn")
    }

    /// Inserts a policy; false when one with that ARN exists.
    package func insertIAMPolicy(_ policy: IAMManagedPolicy) throws(StoreError) -> Bool {
        guard try iamPolicy(arn: policy.arn) == nil else { return false }
        try db.run("INSERT INTO iam_policies (arn, doc) VALUES (?, ?)", [.text(policy.arn), StoreCodec.encode(policy)])
        try bumpRevision()
        return true
    }

    @discardableResult
    package func deleteIAMPolicy(arn: String) throws(StoreError) -> Bool {
        try changeObserved("DELETE FROM iam_policies WHERE arn = ?", [.text(arn)])
    }

    /// ARNs of the managed policies attached to a user, in attachment order.
    package func iamAttachedPolicyArns(userName: String) throws(StoreError) -> [String] {
        try strings("SELECT policy_arn FROM iam_user_policy_attachments WHERE user_name = ? ORDER BY rowid", [.text(userName)])
    }

    /// How many users a policy is attached to.
    package func iamAttachmentCount(policyArn: String) throws(StoreError) -> Int64 {
        try db.query("SELECT count(*) FROM iam_user_policy_attachments WHERE policy_arn = ?", [.text(policyArn)]).first?.int(0) ?? 0
    }

    /// Attaches; attaching twice is a no-op (as IAM's AttachUserPolicy is).
    package func attachIAMPolicy(userName: String, policyArn: String) throws(StoreError) {
        if try db.run("INSERT OR IGNORE INTO iam_user_policy_attachments (user_name, policy_arn) VALUES (?, ?)",
                      [.text(userName), .text(policyArn)]) == 1 {
            try bumpRevision()
        }
    }

    @discardableResult
    package func detachIAMPolicy(userName: String, policyArn: String) throws(StoreError) -> Bool {
        try changeObserved("DELETE FROM iam_user_policy_attachments WHERE user_name = ? AND policy_arn = ?",
                           [.text(userName), .text(policyArn)])
    }
}
