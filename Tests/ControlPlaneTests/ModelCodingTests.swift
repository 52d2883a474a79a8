import Foundation
import Testing
@testable import Shared

@Suite struct ModelCodingTests {
    @Test func integrationEncodesAWSDefaults() throws {
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(Integration(type: "MOCK"))) as? [String: Any]
        #expect(json?["timeoutInMillis"] as? Int == 29000)
        #expect(json?["passthroughBehavior"] as? String == "WHEN_NO_MATCH")
        #expect(json?["uri"] == nil)
    }
}
