import Foundation
import Shared

/// What the control plane's HTTP engine answers for a request it refuses before `AdminAPI` sees it.
extension AdminAPI {
    /// AWS's request size limit, the same as the engine's (`HTTPLimits.maxBodyBytes`, 10 MiB).
    package static let maxBodyBytes = HTTPLimits.default.maxBodyBytes

    private static let refusalDates = HTTPDateCache()

    /// Set as the control-plane server's `HTTPServer.Configuration.refusal`: a body over the limit
    /// (413, decided from `Content-Length` before the body is read, or as chunks pass it) gets the
    /// admin API's JSON error, `RequestTooLongException`, with a request id and `Date`, like every
    /// admin answer; the engine's other refusals (malformed requests) stay plain text, as AWS's
    /// front door answers those, not the service.
    @Sendable package static func engineRefusal(_ status: Int) -> HTTPResponse {
        guard status == AdminError.requestTooLong.status else { return HTTPServer.Configuration.plainRefusal(status) }
        var response = render(.requestTooLong, requestId: UUID().uuidString.lowercased())
        response.headers.set("Date", refusalDates.value(epochMillis: Int64(Date().timeIntervalSince1970 * 1000)))
        return response
    }
}
