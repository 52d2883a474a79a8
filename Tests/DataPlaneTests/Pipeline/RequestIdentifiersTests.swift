import Testing
@testable import DataPlane
import Shared

@Suite struct RequestIdentifiersTests {
    @Test func makesAwsShapedIdentifiers() throws {
        let ids = RandomRequestIdentifiers().identifiers(epochSeconds: 0x5759E988, incomingTraceId: nil)
        let uuid = try Regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
        #expect(try uuid.wholeMatch(in: ids.requestId) != nil, "\(ids.requestId)")
        #expect(ids.extendedRequestId.count == 16)
        #expect(ids.extendedRequestId.hasSuffix("=") && !ids.extendedRequestId.hasSuffix("=="))
        #expect(try Regex("Root=1-5759e988-[0-9a-f]{24}").wholeMatch(in: ids.traceId) != nil, "\(ids.traceId)")
        let other = RandomRequestIdentifiers().identifiers(epochSeconds: 0, incomingTraceId: nil)
        #expect(other.requestId != ids.requestId)
    }

    @Test func propagatesAnIncomingXRayHeader() {
        let incoming = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
        #expect(RandomRequestIdentifiers().identifiers(epochSeconds: 1, incomingTraceId: incoming).traceId == incoming)
        #expect(RandomRequestIdentifiers().identifiers(epochSeconds: 1, incomingTraceId: "garbage").traceId.hasPrefix("Root=1-00000001-"))
    }

    @Test func formatsUuidVersionAndVariantBits() {
        #expect(RandomRequestIdentifiers.uuid(0, 0) == "00000000-0000-4000-8000-000000000000")
        #expect(RandomRequestIdentifiers.uuid(.max, .max) == "ffffffff-ffff-4fff-bfff-ffffffffffff")
    }

    @Test func writesUuidDigitsMostSignificantFirst() {
        #expect(RandomRequestIdentifiers.uuid(0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210) == "01234567-89ab-4def-bedc-ba9876543210")
    }

    @Test func hexDigitsMatchTheFormatterForEveryNibble() {
        for value: UInt32 in [0, 0x0123_4567, 0x89AB_CDEF, 0xFEDC_BA98, 0xA5A5_5A5A, .max, 0x0000_000F, 0xF000_0000] {
            let word = RandomRequestIdentifiers.hex8(value)
            let text = String(decoding: withUnsafeBytes(of: word.littleEndian) { Array($0) }, as: UTF8.self)
            let expected = String(value, radix: 16)
            #expect(text == String(repeating: "0", count: 8 - expected.count) + expected, "\(value)")
        }
    }

    @Test func identifiersStayDistinctOverManyRequests() {
        let source = RandomRequestIdentifiers()
        let ids = (0..<3000).map { _ in source.identifiers(epochSeconds: 1, incomingTraceId: nil) }
        #expect(Set(ids.map(\.requestId)).count == 3000)
        #expect(Set(ids.map(\.extendedRequestId)).count == 3000)
        #expect(Set(ids.map(\.traceId)).count == 3000)
    }

    @Test func twoSourcesNumberingTheSameRequestsGiveDifferentIds() {
        let first = RandomRequestIdentifiers(), second = RandomRequestIdentifiers()
        for _ in 0..<50 {
            let a = first.identifiers(epochSeconds: 1, incomingTraceId: nil)
            let b = second.identifiers(epochSeconds: 1, incomingTraceId: nil)
            #expect(a.requestId != b.requestId && a.extendedRequestId != b.extendedRequestId && a.traceId != b.traceId)
        }
    }

    @Test func theCounterMixesAreBijectionsOnTheirWidth() {
        // Consecutive and sparse inputs, including the top of each range: no two outputs collide.
        let inputs = Array(UInt64(0)..<4096) + (0..<4096).map { UInt64($0) << 50 } + (0..<64).map { (UInt64(1) << 62) - 1 - UInt64($0) }
        let unique = Set(inputs)
        #expect(Set(unique.map(RandomRequestIdentifiers.mix64)).count == unique.count)
        let mixed62 = unique.map(RandomRequestIdentifiers.mix62)
        #expect(Set(mixed62).count == unique.count)
        #expect(mixed62.allSatisfy { $0 < UInt64(1) << 62 })
    }

    @Test(arguments: [(UInt64(0), UInt64(0)), (.max, .max), (0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210),
                      (0x8000_0000_0000_0001, 0x00FF_00FF)])
    func extendedIdIsTheBase64OfItsElevenBytes(first: UInt64, second: UInt64) {
        let bytes = (0..<8).map { UInt8(truncatingIfNeeded: first >> ($0 * 8)) } + (0..<3).map { UInt8(truncatingIfNeeded: second >> ($0 * 8)) }
        #expect(RandomRequestIdentifiers.extendedId(first, second) == Base64.encode(bytes))
    }

    @Test func formatsTraceIdsWithEpochSecondsAndRandomHex() {
        #expect(RandomRequestIdentifiers.traceId(epochSeconds: 0x5759E988, random: (0xBD86_2E3F_E1BE_46A9, 0x9427_2793))
            == "Root=1-5759e988-bd862e3fe1be46a994272793")
        #expect(RandomRequestIdentifiers.traceId(epochSeconds: 0, random: (0, 0)) == "Root=1-00000000-000000000000000000000000")
    }
}
