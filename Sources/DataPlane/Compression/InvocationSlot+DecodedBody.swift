import Shared

/// What `RequestDecompressionFilter` did to a request body: the codings it undid and the size
/// the body had on the wire. Holds the decoded body's reservation in the node's body memory and
/// gives it back when the last copy of the request's `Invocation` is gone (the request finished
/// and its integration let go of it), so no path can leak it.
package final class DecodedBody: Sendable {
    /// The codings undone, in the order they were undone.
    package let codings: [ContentCoding]
    /// Bytes of the body as received (compressed).
    package let receivedBytes: Int
    private let budget: BodyMemoryBudget?
    private let reservedBytes: Int

    package init(codings: [ContentCoding], receivedBytes: Int, budget: BodyMemoryBudget?, reservedBytes: Int) {
        self.codings = codings
        self.receivedBytes = receivedBytes
        self.budget = budget
        self.reservedBytes = reservedBytes
    }

    deinit {
        budget?.release(reservedBytes)
    }
}

extension InvocationSlot where Value == DecodedBody {
    /// Filled by `RequestDecompressionFilter` for a body it decompressed.
    package static var decodedBody: InvocationSlot<DecodedBody> { InvocationSlot(.decodedBody) }
}

extension Invocation {
    /// Set when the body was received compressed and `request.body` is the decompressed one.
    package var decodedBody: DecodedBody? { slots[.decodedBody] }
}
