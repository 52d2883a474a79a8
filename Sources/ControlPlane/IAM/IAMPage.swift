/// One page of a list answer: `Marker` (the index to resume at, as text) and `MaxItems` (1–1000,
/// default 100), with `IsTruncated` and the next `Marker` written after the members.
struct IAMPage<Item> {
    let items: [Item]
    let nextMarker: String?

    init(_ all: [Item], _ call: IAMCall) throws(IAMError) {
        var start = 0
        if let marker = call.request["Marker"] {
            guard let index = Int(marker), index >= 0, index <= all.count else { throw .invalidInput("Invalid Marker.") }
            start = index
        }
        var limit = 100
        if let text = call.request["MaxItems"] {
            guard let value = Int(text), (1...1000).contains(value) else {
                throw .validation("1 validation error detected: Value '\(text)' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000")
            }
            limit = value
        }
        let end = min(all.count, start + limit)
        items = Array(all[start..<end])
        nextMarker = end < all.count ? String(end) : nil
    }

    func writeTruncation(into xml: inout IAMXML) {
        xml.element("IsTruncated", nextMarker == nil ? "false" : "true")
        if let nextMarker { xml.element("Marker", nextMarker) }
    }
}
