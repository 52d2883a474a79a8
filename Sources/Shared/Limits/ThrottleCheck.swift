/// One bucket a request must pass: its stable key and the limit this node enforces for it.
package struct ThrottleCheck: Hashable, Sendable {
    package let key: LimiterKey
    package let limit: ThrottleLimit

    package init(key: LimiterKey, limit: ThrottleLimit) {
        self.key = key
        self.limit = limit
    }
}
