/// The IAM principals nodes authenticate `AWS_IAM` calls against: the control plane's IAM users
/// with their access keys and the identity policies that apply to them.
///
/// Secret access keys never appear in clear: each key carries `sealedSecret`, its secret sealed
/// under the cluster secret with the access key id as context (`SecretSeal`), so the snapshot body
/// and a node's disk cache hold only ciphertext (docs/authorization.md). Policies are resolved on
/// the control plane: a user's inline policies and the default version of every managed policy
/// attached to it, as JSON text, compiled by each node. Omitted from the snapshot (nil) when there
/// are no users, so snapshots of stores without IAM keep their bytes and checksums.
package struct SnapshotIAM: Codable, Sendable, Equatable {
    package var users: [SnapshotIAMUser]

    package init(users: [SnapshotIAMUser]) {
        self.users = users
    }
}

/// One IAM user as nodes see it.
package struct SnapshotIAMUser: Codable, Sendable, Equatable {
    /// `arn:aws:iam::{account}:user{path}{name}`.
    package var arn: String
    package var userName: String
    /// `AIDA…`, what `$context.identity.user` and `caller` show.
    package var userId: String
    package var accessKeys: [SnapshotIAMAccessKey]
    /// Policy documents (JSON text): inline ones first, then attached managed policies' default versions.
    package var policies: [String]

    package init(arn: String, userName: String, userId: String, accessKeys: [SnapshotIAMAccessKey], policies: [String]) {
        self.arn = arn
        self.userName = userName
        self.userId = userId
        self.accessKeys = accessKeys
        self.policies = policies
    }
}

/// One access key: its id, whether it is `Active`, and its sealed secret.
package struct SnapshotIAMAccessKey: Codable, Sendable, Equatable {
    package var accessKeyId: String
    package var active: Bool
    /// `SecretSeal.seal(secret, context: accessKeyId)`.
    package var sealedSecret: String

    package init(accessKeyId: String, active: Bool, sealedSecret: String) {
        self.accessKeyId = accessKeyId
        self.active = active
        self.sealedSecret = sealedSecret
    }
}
