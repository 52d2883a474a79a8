import Testing
@testable import Shared

/// Decimals recovered from doubles for `multipleOf` (division itself: JSONSchemaValidationTests).
@Suite struct JSONSchemaDecimalTests {
    @Test func parsesDecimalsFromShortestDoubleForm() {
        #expect(JSONSchemaDecimal(0.0075) == JSONSchemaDecimal(significand: 75, exponent: -4))
        #expect(JSONSchemaDecimal(1200) == JSONSchemaDecimal(significand: 12, exponent: 2))
        #expect(JSONSchemaDecimal(1e-7) == JSONSchemaDecimal(significand: 1, exponent: -7))
        #expect(JSONSchemaDecimal(-2.5e300) == JSONSchemaDecimal(significand: 25, exponent: 299))
        #expect(JSONSchemaDecimal(.infinity) == nil)
    }
}
