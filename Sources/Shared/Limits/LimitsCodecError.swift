/// Why a limits gossip payload was rejected. Decoding never traps; every malformed input maps here.
package enum LimitsCodecError: Error, Equatable, Sendable {
    /// The payload ended inside a field.
    case truncated
    /// Bytes were left after the last item.
    case trailingBytes(Int)
    /// The format version is not one this build reads.
    case unsupportedVersion(UInt8)
    /// The message type byte is unknown.
    case unknownMessageType(UInt8)
    /// A varint was longer than 10 bytes or exceeded 64 bits.
    case varintOverflow
    /// An item count could not possibly fit in the bytes left.
    case countExceedsPayload
    /// A string exceeded its bound.
    case stringTooLong(Int)
    /// A string was not valid UTF-8.
    case invalidUTF8
    /// An identifier was empty.
    case emptyIdentifier
    /// A quota period byte is not DAY, WEEK or MONTH.
    case invalidPeriod(UInt8)
    /// A period start is not the start of its period.
    case misalignedPeriodStart(Int64)
    /// A demand rate was negative, NaN or infinite.
    case invalidRate
    /// A flag byte was neither 0 nor 1.
    case invalidFlag(UInt8)
    /// A counter entry carried the value 0 (never written by an encoder).
    case zeroEntry
    /// The payload is larger than any datagram may be.
    case payloadTooLarge(Int)
}
