/// A SigV4 credential scope, `20150830/us-east-1/service/aws4_request`, without the access key id.
package struct SigV4Scope: Sendable, Equatable, CustomStringConvertible {
    /// `yyyyMMdd` (UTC), the first eight characters of the request's `X-Amz-Date`.
    package var date: String
    package var region: String
    package var service: String

    package init(date: String, region: String, service: String) {
        self.date = date
        self.region = region
        self.service = service
    }

    package var description: String { "\(date)/\(region)/\(service)/\(SigV4Canonicalizer.terminator)" }
}
