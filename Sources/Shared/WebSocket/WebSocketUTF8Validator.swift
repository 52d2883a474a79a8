/// An incremental UTF-8 validator (RFC 3629 §4, the grammar RFC 6455 §8.1 requires of text).
///
/// Feed the bytes of a text message in any pieces; `validate` answers false at the first byte
/// that cannot continue a valid sequence, whichever piece it is in (so a connection fails fast,
/// as RFC 6455 §8.1 asks, without waiting for the message's end). At the message's end
/// `isComplete` says whether a multi-byte sequence was left unfinished.
/// Refused: stray continuation bytes, C0/C1 and F5–FF lead bytes, overlongs (E0 80–9F, F0 80–8F),
/// UTF-16 surrogates (ED A0–BF) and code points over U+10FFFF (F4 90–BF). Noncharacters such as
/// U+FFFE are valid UTF-8 and pass.
package struct WebSocketUTF8Validator: Sendable, Equatable {
    /// Continuation bytes still expected by the current sequence.
    private var needed = 0
    /// The range the next continuation byte must fall in (narrowed after E0, ED, F0 and F4).
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF

    package init() {}

    /// True when no multi-byte sequence is open: the bytes so far are complete UTF-8.
    package var isComplete: Bool { needed == 0 }

    /// Checks the next bytes; false at the first invalid one (the validator is then spent).
    package mutating func validate(_ bytes: some Collection<UInt8>) -> Bool {
        for byte in bytes {
            if needed == 0 {
                switch byte {
                case 0x00...0x7F: continue
                case 0xC2...0xDF: needed = 1
                case 0xE0: needed = 2; lower = 0xA0
                case 0xE1...0xEC, 0xEE, 0xEF: needed = 2
                case 0xED: needed = 2; upper = 0x9F
                case 0xF0: needed = 3; lower = 0x90
                case 0xF1...0xF3: needed = 3
                case 0xF4: needed = 3; upper = 0x8F
                default: return false
                }
            } else {
                guard byte >= lower && byte <= upper else { return false }
                lower = 0x80
                upper = 0xBF
                needed -= 1
            }
        }
        return true
    }
}
