import Testing
@testable import DataPlane
import Shared

/// Connection ids: AWS's shape, and the owning node named inside.
@Suite struct WebSocketConnectionIdTests {
    @Test func idsHaveAwsShapeAndNameTheirNode() {
        let tag = WebSocketConnectionId.tag(forNode: "node-a")
        let id = WebSocketConnectionId.make(tag: tag)
        #expect(id.count == 16 && id.hasSuffix("="))
        #expect(WebSocketConnectionId.tag(of: id) == tag)
        #expect(WebSocketConnectionId.tag(of: WebSocketConnectionId.make(tag: WebSocketConnectionId.tag(forNode: "node-b"))) != tag)
        #expect(WebSocketConnectionId.make(tag: tag) != id)
    }

    @Test(arguments: ["", "short", "L0SM9cOFvHcCIhw", "!!!!!!!!!!!!!!!=", "L0SM9cOFvHcCIhwAAA=="])
    func malformedIdsHaveNoOwner(id: String) {
        #expect(WebSocketConnectionId.tag(of: id) == nil)
    }
}
