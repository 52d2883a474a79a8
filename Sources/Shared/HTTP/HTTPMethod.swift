/// An HTTP request method token, case-sensitive as RFC 9110 §9.1 requires.
package struct HTTPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    package let rawValue: String
    package init(rawValue: String) { self.rawValue = rawValue }
    package init(_ rawValue: String) { self.rawValue = rawValue }

    package static let GET = HTTPMethod("GET")
    package static let HEAD = HTTPMethod("HEAD")
    package static let POST = HTTPMethod("POST")
    package static let PUT = HTTPMethod("PUT")
    package static let DELETE = HTTPMethod("DELETE")
    package static let PATCH = HTTPMethod("PATCH")
    package static let OPTIONS = HTTPMethod("OPTIONS")
    package static let CONNECT = HTTPMethod("CONNECT")
    package static let TRACE = HTTPMethod("TRACE")

    package var description: String { rawValue }
}
