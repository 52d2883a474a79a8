import Testing
@testable import Shared

/// The byte classes and the word-at-a-time scanners agree with the plain definitions.
@Suite struct HTTPSyntaxTests {
    @Test func tokenMaskMatchesRFC9110() {
        #expect(HTTPSyntax.tokenTable.utf8CodeUnitCount == 256, "one table entry per byte value")
        let tchar = Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
        for byte in UInt8.min...UInt8.max {
            #expect(HTTPSyntax.isToken(byte) == tchar.contains(byte), "byte \(byte)")
        }
    }

    @Test func hostMaskMatchesURIHostCharacters() {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~%!$&'()*+,;=:[]".utf8)
        for byte in UInt8.min...UInt8.max {
            #expect(HTTPSyntax.isHostByte(byte) == allowed.contains(byte), "byte \(byte)")
        }
    }

    @Test func fieldValueBytesExcludeControlsButHTAB() {
        for byte in UInt8.min...UInt8.max {
            let expected = byte == 0x09 || (byte >= 0x20 && byte != 0x7F)
            #expect(HTTPSyntax.isFieldValueByte(byte) == expected, "byte \(byte)")
        }
    }

    @Test func wordScannersFindEveryByteAtEveryPosition() {
        // One odd byte at each position of buffers of every length up to 40, for every byte value.
        for length in 1...40 {
            for position in 0..<length {
                for odd in UInt8.min...UInt8.max {
                    var bytes = [UInt8](repeating: 0x61, count: length)
                    bytes[position] = odd
                    bytes.withUnsafeBufferPointer { buffer in
                        let expectedLF = bytes.firstIndex(of: 0x0A)
                        if HTTPSyntax.firstLineFeed(in: buffer, from: 0) != expectedLF {
                            Issue.record("firstLineFeed wrong for byte \(odd) at \(position) of \(length)")
                        }
                        if HTTPSyntax.allFieldValueBytes(buffer) != HTTPSyntax.isFieldValueByte(odd) {
                            Issue.record("allFieldValueBytes wrong for byte \(odd) at \(position) of \(length)")
                        }
                    }
                }
            }
        }
    }

    @Test func wordScannersAgreeOnRandomBuffers() {
        var random = SeededGenerator(seed: 42)
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...64, using: &random)
            let bytes = (0..<length).map { _ in
                Bool.random(using: &random) ? UInt8.random(in: 0x20...0x7E, using: &random) : UInt8.random(in: 0...255, using: &random)
            }
            let from = Int.random(in: 0...length, using: &random)
            bytes.withUnsafeBufferPointer { buffer in
                #expect(HTTPSyntax.firstLineFeed(in: buffer, from: from) == bytes[from...].firstIndex(of: 0x0A))
                #expect(HTTPSyntax.allFieldValueBytes(buffer) == bytes.allSatisfy(HTTPSyntax.isFieldValueByte))
            }
        }
    }
}
