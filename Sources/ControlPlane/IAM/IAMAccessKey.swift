/// An access key of an IAM user, as stored (`iam_access_keys.doc`), secret included.
///
/// The secret leaves the control plane twice only: once in CreateAccessKey's answer, and sealed
/// (`SecretSeal`) in snapshots. The store file is private to the control plane (`PrivateFiles`).
package struct IAMAccessKey: Codable, Sendable, Equatable {
    package var accessKeyId: String
    package var userName: String
    package var secretAccessKey: String
    /// `Active` or `Inactive`.
    package var status: String
    /// Epoch seconds.
    package var createDate: Int64

    package init(accessKeyId: String, userName: String, secretAccessKey: String, status: String, createDate: Int64) {
        self.accessKeyId = accessKeyId
        self.userName = userName
        self.secretAccessKey = secretAccessKey
        self.status = status
        self.createDate = createDate
    }

    package var isActive: Bool { status == "Active" }
}
