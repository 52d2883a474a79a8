extension Substring {
    /// The pieces between `separator` bytes, empty ones kept: `split(separator:,
    /// omittingEmptySubsequences: false)` for an ASCII separator, read over the UTF-8 bytes.
    ///
    /// `split` on a `String` walks `Character`s (grapheme breaking): splitting a SigV4 credential
    /// scope that way cost ~28,000 instructions a request (bench/instructions.sh, issue 14). An
    /// ASCII byte never occurs inside a multi-byte UTF-8 sequence, so every piece ends on a
    /// character boundary.
    package func splitUTF8(_ separator: UInt8) -> [Substring] {
        precondition(separator < 0x80, "the separator must be an ASCII byte")
        let utf8 = self.utf8
        var pieces: [Substring] = []
        // Room for the usual few pieces (a SigV4 credential has five): growing from empty reallocated
        // three times (with the offsets below: 7,100 → 3,400 instructions a SigV4 request, bench/instructions.sh).
        pieces.reserveCapacity(8)
        // Over the contiguous bytes with integer offsets: stepping `Substring.UTF8View` indices cost
        // tens of instructions a byte.
        let split = utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            func index(_ offset: Int) -> Substring.UTF8View.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
            var start = 0
            for offset in 0..<bytes.count where bytes[offset] == separator {
                pieces.append(Substring(utf8[index(start)..<index(offset)]))
                start = offset + 1
            }
            pieces.append(Substring(utf8[index(start)...]))
            return true
        }
        guard split != true else { return pieces }
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == separator {
                pieces.append(Substring(utf8[start..<index]))
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        pieces.append(Substring(utf8[start...]))
        return pieces
    }
}

extension String {
    /// `Substring.splitUTF8(_:)` over the whole string.
    package func splitUTF8(_ separator: UInt8) -> [Substring] { self[...].splitUTF8(separator) }
}
