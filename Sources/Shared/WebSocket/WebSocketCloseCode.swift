/// A close status code (RFC 6455 §7.4) and the rule for which codes may travel in a close frame.
package struct WebSocketCloseCode: RawRepresentable, Sendable, Equatable, Hashable {
    package var rawValue: UInt16

    package init(rawValue: UInt16) { self.rawValue = rawValue }

    package static let normal = WebSocketCloseCode(rawValue: 1000)
    package static let goingAway = WebSocketCloseCode(rawValue: 1001)
    package static let protocolError = WebSocketCloseCode(rawValue: 1002)
    package static let unsupportedData = WebSocketCloseCode(rawValue: 1003)
    /// 1007: a text payload (or close reason) that is not UTF-8.
    package static let invalidPayload = WebSocketCloseCode(rawValue: 1007)
    package static let policyViolation = WebSocketCloseCode(rawValue: 1008)
    package static let messageTooBig = WebSocketCloseCode(rawValue: 1009)
    package static let internalError = WebSocketCloseCode(rawValue: 1011)

    /// Whether a peer may send this code in a close frame: 1000–1003 and 1007–1014 (the IANA
    /// registry: 1012–1014 were registered after the RFC), and 3000–4999 (libraries and
    /// applications). 1004 is reserved, 1005/1006/1015 are for local reporting only and MUST NOT
    /// be sent (§7.4.1); everything below 1000, 1016–2999 and from 5000 up is unassigned.
    package var isValidOnWire: Bool {
        switch rawValue {
        case 1000...1003, 1007...1014, 3000...4999: return true
        default: return false
        }
    }
}
