/// What a request template asked to change through `$context.requestOverride` (names and values
/// as the template set them, in the order it set them). Applied after parameter mapping, so an
/// override wins over a mapped value of the same name, as on AWS.
package struct RequestOverrides: Sendable, Equatable {
    package var header: [(name: String, value: String)] = []
    package var querystring: [(name: String, value: String)] = []
    package var path: [(name: String, value: String)] = []

    package static let none = RequestOverrides()

    package var isEmpty: Bool { header.isEmpty && querystring.isEmpty && path.isEmpty }

    package static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.header.elementsEqual(rhs.header, by: ==) && lhs.querystring.elementsEqual(rhs.querystring, by: ==)
            && lhs.path.elementsEqual(rhs.path, by: ==)
    }
}

/// What a response template asked to change through `$context.responseOverride`: the method
/// response status and headers, applied last (after `responseParameters`), as on AWS.
package struct ResponseOverrides: Sendable, Equatable {
    package var status: Int?
    package var header: [(name: String, value: String)] = []

    package static let none = ResponseOverrides()

    package static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.status == rhs.status && lhs.header.elementsEqual(rhs.header, by: ==)
    }
}
