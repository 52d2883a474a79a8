import Foundation
import Shared

/// A small SigV4-signing client for the admin API, used by `tollgate rollback|audit|nodes` and tests.
///
/// Signs exactly as botocore does (service `apigateway`), sends over the shared `HTTPClient` (over
/// TLS, verified by the client's contexts, for an `https://` endpoint), and decodes JSON answers. AWS-shaped errors come back as `AdminClientError.api` with type and message.
package struct AdminClient: Sendable {
    package let endpoint: HTTPEndpointAddress
    private let signer: SigV4Signer
    private let client: HTTPClient

    package init(endpoint: HTTPEndpointAddress, credentials: SigV4Credentials, region: String = "us-east-1", client: HTTPClient) {
        self.endpoint = endpoint
        signer = SigV4Signer(credentials: credentials, region: region, service: "apigateway")
        self.client = client
    }

    /// Sends `method path` with an optional JSON body; returns the decoded JSON object (empty for no body).
    package func call(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [], json: [String: Any]? = nil) async throws(AdminClientError) -> [String: Any] {
        var target = path
        if !query.isEmpty {
            target += "?" + query.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        }
        var headers = HTTPHeaders()
        headers.add("Host", endpoint.hostHeader)
        headers.add("Accept", "application/json")
        var body: [UInt8] = []
        if let json {
            guard let data = try? JSONSerialization.data(withJSONObject: json) else { throw .transport("cannot encode request body") }
            body = Array(data)
            headers.add("Content-Type", "application/json")
        }
        let signed = signer.sign(HTTPRequest(head: HTTPRequestHead(method: method, target: target, headers: headers), body: body),
                                 at: Int64(Date().timeIntervalSince1970))
        let request = HTTPClientRequest(isTLS: endpoint.isTLS, host: endpoint.host, port: endpoint.port, method: method, target: target,
                                        headers: signed.headers, body: body, connectTimeout: .seconds(5), responseTimeout: .seconds(30))
        let response: HTTPResponse
        do {
            response = try await client.execute(request)
        } catch {
            throw .transport("\(endpoint): \(error)")
        }
        let object = response.body.isEmpty ? [:] : ((try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:])
        guard (200..<300).contains(response.status) else {
            let type = response.headers["x-amzn-ErrorType"].map { String($0.split(separator: ":").first ?? "") } ?? "HTTP\(response.status)"
            throw .api(status: response.status, type: type, message: object["message"] as? String ?? "")
        }
        return object
    }

    private static func encode(_ text: String) -> String {
        PercentEncoding.encode(text, keeping: .unreserved)
    }
}

/// Why an admin call failed.
package enum AdminClientError: Error, CustomStringConvertible {
    /// The control plane answered with an AWS error.
    case api(status: Int, type: String, message: String)
    /// The request did not get an answer.
    case transport(String)

    package var description: String {
        switch self {
        case let .api(status, type, message): "\(type) (\(status)): \(message)"
        case let .transport(reason): "cannot reach the control plane: \(reason)"
        }
    }
}
