/// An HTTP protocol version as it appears on the wire (`HTTP/1.1`).
package struct HTTPVersion: Hashable, Sendable, CustomStringConvertible {
    package let major: Int
    package let minor: Int
    package init(major: Int, minor: Int) { self.major = major; self.minor = minor }

    package static let http1_0 = HTTPVersion(major: 1, minor: 0)
    package static let http1_1 = HTTPVersion(major: 1, minor: 1)

    /// `HTTP/1.1` and `HTTP/1.0` are literals: the interpolation cost ~700 instructions, paid per
    /// request by an access log with `$context.protocol` (bench/observability-instructions.sh).
    package var description: String {
        if major == 1 && minor == 1 { return "HTTP/1.1" }
        if major == 1 && minor == 0 { return "HTTP/1.0" }
        return "HTTP/\(major).\(minor)"
    }
}
