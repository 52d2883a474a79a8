import Testing
@testable import Shared

@Suite struct ResourceIDTests {
    @Test(arguments: [ResourceID.restApiLength, ResourceID.childLength, 1, 32])
    func generatesLowercaseAlphanumericIdsOfTheRequestedLength(length: Int) {
        for _ in 0..<50 {
            let id = ResourceID.generate(length: length)
            #expect(id.count == length)
            #expect(id.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) })
            #expect(ResourceID.isWellFormed(id, length: length))
        }
    }

    @Test func restApiIdsAreTenCharactersAndChildIdsSix() {
        #expect(ResourceID.generate(length: ResourceID.restApiLength).count == 10)
        #expect(ResourceID.generate(length: ResourceID.childLength).count == 6)
    }

    @Test func wellFormednessRejectsUppercaseAndWrongLength() {
        #expect(!ResourceID.isWellFormed("ABC123", length: 6))
        #expect(!ResourceID.isWellFormed("abc12", length: 6))
        #expect(!ResourceID.isWellFormed("abc-12", length: 6))
    }

    @Test func idsDoNotRepeatInASmallBatch() {
        let ids = Set((0..<1_000).map { _ in ResourceID.generate(length: ResourceID.restApiLength) })
        #expect(ids.count == 1_000)
    }
}
