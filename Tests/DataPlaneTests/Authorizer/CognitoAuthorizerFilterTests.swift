import Testing
@testable import DataPlane

@Suite struct CognitoAuthorizerFilterTests {
    @Test(arguments: [("Bearer abc.def.ghi", "abc.def.ghi"), ("bearer abc", "abc"), ("BEARER abc", "abc"), ("abc.def.ghi", "abc.def.ghi"),
                      ("Bearer ", "Bearer "), ("Bearerxabc", "Bearerxabc"), ("Bearer\tabc", "Bearer\tabc")])
    func takesTheTokenAfterAnOptionalBearer(_ value: String, _ token: String) {
        #expect(CognitoAuthorizerFilter.withoutBearer(value) == token)
    }
}
