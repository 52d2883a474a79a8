import Testing
@testable import DataPlane

@Suite struct UserPoolDirectoryTests {
    @Test func aCognitoArnMeansCognitosIssuerAndKeys() {
        let pool = UserPoolDirectory().pool(for: "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC")
        #expect(pool == UserPoolDirectory.Pool(issuer: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC",
                                               jwksURL: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC/.well-known/jwks.json"))
    }

    @Test(arguments: ["arn:aws:iam::1:user/x", "arn:aws:cognito-idp:eu-west-1:1:identitypool/x", "userpool/x", "arn:aws:cognito-idp::1:userpool/x"])
    func otherArnsNameNoPool(_ arn: String) {
        #expect(UserPoolDirectory().pool(for: arn) == nil)
    }

    @Test func theFileOverridesAPool() throws {
        let file = #"{"arn:p": {"issuer": "http://idp/realms/a", "jwksUri": "http://idp:8080/certs", "tokenUse": false}}"#
        let directory = try UserPoolDirectory.parse(Array(file.utf8))
        #expect(directory.pool(for: "arn:p") == UserPoolDirectory.Pool(issuer: "http://idp/realms/a", jwksURL: "http://idp:8080/certs", checksTokenUse: false))
    }

    @Test(arguments: [#"[]"#, #"{"a": {"jwksUri": "http://x/k"}}"#, #"{"a": {"issuer": "i", "jwksUri": "ftp://x"}}"#,
                      #"{"a": {"issuer": "i", "jwksUri": "http://x/k", "tokenUse": "no"}}"#])
    func refusesMalformedFiles(_ file: String) {
        #expect(throws: UserPoolDirectory.ParseError.self) { try UserPoolDirectory.parse(Array(file.utf8)) }
    }
}
