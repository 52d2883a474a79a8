/// A customer managed policy, as stored (`iam_policies.doc`): one version (`v1`), the default.
///
/// CreatePolicyVersion is not served, so a policy's document never changes after CreatePolicy.
package struct IAMManagedPolicy: Codable, Sendable, Equatable {
    package var policyName: String
    /// `ANPA` + 17 upper-case letters and digits.
    package var policyId: String
    package var arn: String
    package var path: String
    package var description: String?
    /// The policy document as sent (JSON text, already URL-decoded).
    package var document: String
    /// Epoch seconds.
    package var createDate: Int64
    package var tags: [IAMTag]

    package init(policyName: String, policyId: String, arn: String, path: String, description: String?, document: String,
                 createDate: Int64, tags: [IAMTag]) {
        self.policyName = policyName
        self.policyId = policyId
        self.arn = arn
        self.path = path
        self.description = description
        self.document = document
        self.createDate = createDate
        self.tags = tags
    }

    /// The only version there is.
    package static let defaultVersionId = "v1"
}
