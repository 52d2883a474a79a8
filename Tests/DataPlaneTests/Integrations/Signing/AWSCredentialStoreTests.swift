import Testing
@testable import DataPlane
@testable import Shared

/// `--aws-credentials` and the `AWS_*` variables: which keys sign a call naming a role, and what is refused.
@Suite struct AWSCredentialStoreTests {
    static let role = "arn:aws:iam::123456789012:role/apigw-sqs"
    static let file = """
    {"default": {"accessKeyId": "AKIDDEFAULT", "secretAccessKey": "default-secret"},
     "\(role)": {"accessKeyId": "AKIDROLE", "secretAccessKey": "role-secret", "sessionToken": "token-1"}}
    """

    @Test func aRolePicksItsOwnKeysAndNoRolePicksTheDefault() throws {
        let store = try AWSCredentialStore.parse(Array(Self.file.utf8))
        #expect(store.lookup(role: Self.role) == .signed(SigV4Credentials(accessKeyId: "AKIDROLE", secretAccessKey: "role-secret", sessionToken: "token-1")))
        #expect(store.lookup(role: nil) == .signed(SigV4Credentials(accessKeyId: "AKIDDEFAULT", secretAccessKey: "default-secret")))
        #expect(store.lookup(role: "") == .signed(SigV4Credentials(accessKeyId: "AKIDDEFAULT", secretAccessKey: "default-secret")))
    }

    @Test func aRoleWithoutKeysIsUnmappedNeverTheDefault() throws {
        let store = try AWSCredentialStore.parse(Array(Self.file.utf8))
        #expect(store.lookup(role: "arn:aws:iam::123456789012:role/other") == .unmapped(role: "arn:aws:iam::123456789012:role/other"))
    }

    @Test func noRoleOnANodeWithoutADefaultIsUnmapped() throws {
        let store = try AWSCredentialStore.parse(Array(#"{"\#(Self.role)": {"accessKeyId": "AKIDROLE", "secretAccessKey": "s"}}"#.utf8))
        #expect(store.lookup(role: nil) == .unmapped(role: nil))
    }

    @Test func withNoKeysAtAllEveryCallIsUnsigned() {
        #expect(AWSCredentialStore.none.lookup(role: nil) == .unsigned)
        #expect(AWSCredentialStore.none.lookup(role: Self.role) == .unsigned)
        #expect(AWSCredentialStore(defaultCredentials: AWSCredentialStore.fromEnvironment([:])).isEmpty)
    }

    @Test func theEnvironmentGivesTheDefaultUnlessTheFileHasOne() throws {
        let environment = ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_SESSION_TOKEN": "env-token"]
        let fromEnvironment = SigV4Credentials(accessKeyId: "AKIDENV", secretAccessKey: "env-secret", sessionToken: "env-token")
        #expect(AWSCredentialStore.fromEnvironment(environment) == fromEnvironment)
        let withoutDefault = try AWSCredentialStore.parse(Array(#"{"\#(Self.role)": {"accessKeyId": "A", "secretAccessKey": "s"}}"#.utf8),
                                                          environment: environment)
        #expect(withoutDefault.lookup(role: nil) == .signed(fromEnvironment))
        let withDefault = try AWSCredentialStore.parse(Array(Self.file.utf8), environment: environment)
        #expect(withDefault.defaultCredentials?.accessKeyId == "AKIDDEFAULT")
        // Only both keys make a pair.
        #expect(AWSCredentialStore.fromEnvironment(["AWS_ACCESS_KEY_ID": "AKIDENV"]) == nil)
    }

    @Test(arguments: [
        ("[]", "must be a JSON object"),
        (#"{"role/x": {"accessKeyId": "A", "secretAccessKey": "s"}}"#, #""role/x" is neither an IAM role ARN"#),
        (#"{"arn:aws:iam::123456789012:user/bob": {"accessKeyId": "A", "secretAccessKey": "s"}}"#, "is neither an IAM role ARN"),
        (#"{"default": {"accessKeyId": "A"}}"#, #""default".secretAccessKey must be a non-empty string"#),
        (#"{"default": {"accessKeyId": "", "secretAccessKey": "s"}}"#, #""default".accessKeyId must be"#),
        (#"{"default": {"accessKeyId": "A", "secretAccessKey": "s", "region": "x"}}"#, #"unknown field "region""#),
        (#"{"default": {"accessKeyId": "A", "secretAccessKey": "s", "sessionToken": 3}}"#, "sessionToken must be a non-empty string"),
        (#"{"default": "A:s"}"#, "must be an object"),
    ])
    func refusesMalformedFiles(_ text: String, _ message: String) {
        #expect {
            _ = try AWSCredentialStore.parse(Array(text.utf8))
        } throws: { error in
            guard let error = error as? AWSCredentialStore.ParseError else { return false }
            return error.description.contains(message)
        }
    }

    @Test func errorsNeverQuoteASecret() {
        let text = #"{"default": {"accessKeyId": "AKID", "secretAccessKey": "very-secret-value", "extra": "x"}}"#
        do {
            _ = try AWSCredentialStore.parse(Array(text.utf8))
            Issue.record("an unknown field must be refused")
        } catch {
            #expect(!error.description.contains("very-secret-value"))
        }
    }
}
