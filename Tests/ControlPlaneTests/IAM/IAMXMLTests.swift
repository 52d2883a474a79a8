import Testing
@testable import ControlPlane

/// IAM's XML documents, byte for byte.
@Suite struct IAMXMLTests {
    @Test func wrapsTheResultAndRequestIdAsIAMDoes() {
        var xml = IAMXML()
        xml.element("User") { $0.element("UserName", "bob") }
        #expect(IAMXML.response(action: "GetUser", result: xml.text, requestId: "r-1") == """
            <?xml version="1.0" encoding="UTF-8"?>
            <GetUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetUserResult><User><UserName>bob</UserName></User></GetUserResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetUserResponse>

            """)
    }

    @Test func actionsWithoutAResultHaveOnlyMetadata() {
        #expect(IAMXML.response(action: "DeleteUser", result: nil, requestId: "r") == """
            <?xml version="1.0" encoding="UTF-8"?>
            <DeleteUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DeleteUserResponse>

            """)
    }

    @Test(arguments: [
        (IAMError.noSuchEntity("The user with name a<b cannot be found."), "Sender", "NoSuchEntity", 404),
        (IAMError.alreadyExists("User with name bob already exists."), "Sender", "EntityAlreadyExists", 409),
        (IAMError.deleteConflict("Cannot delete entity, must delete access keys first."), "Sender", "DeleteConflict", 409),
        (IAMError.malformedPolicy("Syntax errors in policy."), "Sender", "MalformedPolicyDocument", 400),
        (IAMError.serviceFailure("x"), "Receiver", "ServiceFailure", 500),
    ])
    func errorsCarryTypeCodeAndEscapedMessage(error: IAMError, type: String, code: String, status: Int) {
        #expect(error.status == status)
        let escaped = error.message.replacingOccurrences(of: "<", with: "&lt;")
        #expect(IAMXML.error(error, requestId: "id") == """
            <?xml version="1.0" encoding="UTF-8"?>
            <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>\(type)</Type><Code>\(code)</Code><Message>\(escaped)</Message></Error><RequestId>id</RequestId></ErrorResponse>

            """)
    }

    @Test(arguments: [("a&b<c>\"d'", "a&amp;b&lt;c&gt;\"d'"), ("plain", "plain"), ("é", "é")])
    func escapesText(raw: String, escaped: String) {
        #expect(IAMXML.escape(raw) == escaped)
    }

    @Test func policyDocumentsArePercentEncodedAsIAMReturnsThem() {
        #expect(IAMXML.encodedPolicy(#"{"Effect": "Allow"}"#) == "%7B%22Effect%22%3A%20%22Allow%22%7D")
    }

    @Test(arguments: [(Int64(0), "1970-01-01T00:00:00Z"), (1_700_000_000, "2023-11-14T22:13:20Z")])
    func datesAreISO8601InUTC(epoch: Int64, text: String) {
        #expect(IAMXML.date(epoch) == text)
    }
}
