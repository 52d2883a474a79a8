@testable import Shared

/// Helpers shared by the SigV4 tests.
enum SigV4TestSupport {
    /// The AWS test suite's credentials, time and scope.
    static let suiteKeyId = "AKIDEXAMPLE"
    static let suiteSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let suiteTime: Int64 = 1_440_938_160          // 2015-08-30T12:36:00Z
    static let suiteStringToSignPrefix = "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"

    /// Reads a request in the test suite's `.req` notation: a request line, `Name:value` lines
    /// (a line starting with a space continues the previous value: obs-fold, unfolded with one
    /// space as RFC 9112 §5.2 allows), a blank line, then the body.
    static func parseRequest(_ text: String) -> HTTPRequest {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let requestLine = lines.removeFirst()
        let method = requestLine.prefix { $0 != " " }
        let target = requestLine.dropFirst(method.count + 1).dropLast(" HTTP/1.1".count)
        var fields: [(String, String)] = []
        var body = ""
        while !lines.isEmpty {
            let line = lines.removeFirst()
            if line.isEmpty {
                body = lines.joined(separator: "\n")
                break
            }
            if line.first == " ", !fields.isEmpty {
                fields[fields.count - 1].1 += " " + line
            } else if let colon = line.firstIndex(of: ":") {
                fields.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
            }
        }
        return HTTPRequest(head: HTTPRequestHead(method: HTTPMethod(String(method)), target: String(target),
                                                 headers: HTTPHeaders(fields)),
                           body: Array(body.utf8))
    }

    static func verifier(at time: Int64 = suiteTime, service: String? = "service", normalizePath: Bool = true,
                         keys: [String: String] = [suiteKeyId: suiteSecret]) -> SigV4Verifier {
        SigV4Verifier(credentials: { keys[$0] }, clock: { time }, service: service, normalizePath: normalizePath)
    }
}
