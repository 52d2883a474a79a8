/// Anti-replay state for one sender: the highest sequence number accepted and a bitmap of which
/// of the `size` numbers below it were accepted too (RFC 4303 §3.4.3, IPsec's sliding window).
///
/// A number above the highest slides the window forward; one inside the window is accepted once;
/// one below the window is refused because nothing remembers whether it was seen. Pure value type.
struct GossipReplayWindow: Equatable {
    enum Verdict: Equatable { case fresh, replayed, tooOld }

    /// Bit `i` of the bitmap (word `i / 64`, bit `i % 64`) records sequence `highest - i`.
    private var words: [UInt64]
    private(set) var highest: UInt64 = 0
    private var empty = true

    /// Window size in sequence numbers; a positive multiple of 64.
    var size: Int { words.count * 64 }

    init(size: Int) {
        precondition(size > 0 && size % 64 == 0, "GossipReplayWindow: size must be a positive multiple of 64")
        words = Array(repeating: 0, count: size / 64)
    }

    /// What accepting `sequence` would mean, without changing the window.
    func check(_ sequence: UInt64) -> Verdict {
        if empty || sequence > highest { return .fresh }
        let offset = highest - sequence
        guard offset < UInt64(size) else { return .tooOld }
        return isSet(Int(offset)) ? .replayed : .fresh
    }

    /// Records `sequence` as accepted; call only after `check` said `.fresh` and the datagram is authentic.
    mutating func record(_ sequence: UInt64) {
        if empty {
            empty = false
            highest = sequence
            words[0] = 1
        } else if sequence > highest {
            shift(by: sequence - highest)
            highest = sequence
            words[0] |= 1
        } else {
            let offset = Int(highest - sequence)
            words[offset / 64] |= 1 << UInt64(offset % 64)
        }
    }

    private func isSet(_ offset: Int) -> Bool {
        words[offset / 64] & (1 << UInt64(offset % 64)) != 0
    }

    /// Moves every bit `distance` places towards older sequence numbers, dropping what falls off.
    private mutating func shift(by distance: UInt64) {
        guard distance < UInt64(size) else {
            for index in words.indices { words[index] = 0 }
            return
        }
        let wordShift = Int(distance / 64), bitShift = UInt64(distance % 64)
        for index in stride(from: words.count - 1, through: 0, by: -1) {
            let source = index - wordShift
            var value: UInt64 = source >= 0 ? words[source] << bitShift : 0
            if bitShift > 0, source - 1 >= 0 { value |= words[source - 1] >> (64 - bitShift) }
            words[index] = value
        }
    }
}
