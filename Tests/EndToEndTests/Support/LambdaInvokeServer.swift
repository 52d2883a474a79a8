import Foundation
import Shared

/// A small Lambda Invoke API for tests: `POST /2015-03-31/functions/{name}/invocations` runs a
/// Swift closure on the event JSON and answers with what it returns, as `RequestResponse` invokes do.
///
/// The function name in the path may be a plain name or a (percent-encoded) ARN; the closure gets
/// the plain name. Unknown paths answer 404 like the real service's `ResourceNotFoundException`.
final class LambdaInvokeServer: Sendable {
    /// A function's result: the bytes the Invoke API returns (status 200) and any extra headers.
    struct Result: Sendable {
        var body: [UInt8]
        var headers: HTTPHeaders = HTTPHeaders()
    }

    typealias Function = @Sendable (_ name: String, _ event: [String: Any]) -> Result

    private let group: EventLoopGroup
    private let server: HTTPServer
    let port: Int

    init(function: @escaping Function) throws {
        group = EventLoopGroup(threads: 1)
        server = HTTPServer(configuration: .init(), group: group, handler: Handler(function: function))
        port = try server.start()
    }

    var url: String { "http://127.0.0.1:\(port)" }

    func stop() async {
        await server.shutdown(gracePeriod: .seconds(1))
        group.shutdown()
    }

    private struct Handler: HTTPServerHandler {
        let function: Function

        func handle(_ request: HTTPRequest, context: HTTPRequestContext, responder: HTTPResponder) {
            let parts = request.head.path.split(separator: "/", omittingEmptySubsequences: true)
            guard request.method == .POST, parts.count == 4, parts[0] == "2015-03-31", parts[1] == "functions", parts[3] == "invocations" else {
                return responder.respond(HTTPResponse(status: 404, headers: ["Content-Type": "application/json"],
                                                      body: Array(#"{"Type":"User","Message":"Function not found"}"#.utf8)))
            }
            var name = String(parts[2]).removingPercentEncoding ?? String(parts[2])
            if let range = name.range(of: ":function:") {
                name = String(name[range.upperBound...].split(separator: ":").first ?? "")
            }
            guard let event = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] else {
                return responder.respond(HTTPResponse(status: 400, body: Array("event is not a JSON object".utf8)))
            }
            let result = function(name, event)
            var headers = result.headers
            headers.add("Content-Type", "application/json")
            headers.add("X-Amz-Executed-Version", "$LATEST")
            responder.respond(HTTPResponse(status: 200, headers: headers, body: result.body))
        }
    }
}
