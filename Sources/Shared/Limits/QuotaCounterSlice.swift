/// One quota counter's (partial) state on the wire.
package struct QuotaCounterSlice: Equatable, Sendable {
    package let key: QuotaCounterKey
    package let counter: QuotaCounter

    package init(key: QuotaCounterKey, counter: QuotaCounter) {
        self.key = key
        self.counter = counter
    }
}
