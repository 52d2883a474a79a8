/// An IAM user of the control plane's IAM subset, as stored (`iam_users.doc`).
package struct IAMUser: Codable, Sendable, Equatable {
    package var userName: String
    /// `AIDA` + 17 upper-case letters and digits, as IAM's unique ids look.
    package var userId: String
    /// `/` or `/division/`, as given to CreateUser.
    package var path: String
    package var arn: String
    /// Epoch seconds.
    package var createDate: Int64
    package var tags: [IAMTag]

    package init(userName: String, userId: String, path: String, arn: String, createDate: Int64, tags: [IAMTag]) {
        self.userName = userName
        self.userId = userId
        self.path = path
        self.arn = arn
        self.createDate = createDate
        self.tags = tags
    }
}

/// A tag on an IAM user or policy.
package struct IAMTag: Codable, Sendable, Equatable {
    package var key: String
    package var value: String

    package init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
