import Testing
@testable import Shared

@Suite struct ApiKeyValueTests {
    @Test func generatesFortyAlphanumericCharacters() {
        for _ in 0..<100 {
            let value = ApiKeyValue.generate()
            #expect(value.utf8.count == 40)
            #expect(value.utf8.allSatisfy { ApiKeyValue.alphabet.contains($0) })
        }
    }

    @Test func usesUpperLowerAndDigits() {
        let sample = (0..<50).map { _ in ApiKeyValue.generate() }.joined()
        let upper = sample.contains { $0.isUppercase }
        let lower = sample.contains { $0.isLowercase }
        let digit = sample.contains { $0.isNumber }
        #expect(upper && lower && digit)
    }

    @Test func valuesAreDistinct() {
        #expect(Set((0..<500).map { _ in ApiKeyValue.generate() }).count == 500)
    }
}
