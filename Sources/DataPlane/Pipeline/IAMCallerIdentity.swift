/// The IAM principal an `AWS_IAM` method authenticated, as `$context.identity.*` shows it.
///
/// For an IAM user AWS sets `userArn` to the user's ARN, `user` and `caller` to its unique id
/// (`AIDA…`), `accessKey` to the signing key id and `accountId` to the user's account.
package struct IAMCallerIdentity: Sendable, Equatable {
    package let userArn: String
    package let accessKey: String
    package let user: String
    package let caller: String
    package let accountId: String

    package init(userArn: String, accessKey: String, user: String, caller: String, accountId: String) {
        self.userArn = userArn
        self.accessKey = accessKey
        self.user = user
        self.caller = caller
        self.accountId = accountId
    }
}
