import Testing
@testable import DataPlane
@testable import Shared

private final class Marker: Sendable {
    let value: Int
    init(_ value: Int) { self.value = value }
}

private final class OtherMarker: Sendable {}

@Suite struct InvocationSlotsTests {
    @Test func aSlotHoldsItsValueAndOnlyItsOwnType() {
        var slots = InvocationSlots()
        let cache = InvocationSlot<Marker>(.cacheKey)
        #expect(slots[cache] == nil)
        slots[cache] = Marker(7)
        #expect(slots[cache]?.value == 7)
        #expect(slots[InvocationSlot<Marker>(.authorizer)] == nil, "slots are independent")
        #expect(slots[InvocationSlot<OtherMarker>(.cacheKey)] == nil, "a slot read as another type is empty")
        slots[cache] = nil
        #expect(slots[cache] == nil)
    }
}
