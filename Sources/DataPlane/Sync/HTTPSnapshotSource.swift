import Shared
import Synchronization

/// `SnapshotSource` over the control plane's `GET /_tollgate/v1/snapshot`, authenticated with the
/// cluster secret (`Authorization: Bearer …`).
///
/// 200 → the body and its `X-Tollgate-Revision` / `X-Tollgate-Epoch`; 304 → not modified; 413 (the
/// snapshot is over the poll's `limit`) and a body the client refused as over the limit →
/// `.refused`, so the node reports it instead of calling the control plane unreachable; anything
/// else (401 for a wrong secret, 5xx, transport errors) → `.failed` with a one-line reason. The
/// client must be built with `HTTPLimits.maxBodyBytes` at the node's snapshot limit (not the 10 MiB
/// of API traffic). An `https://` endpoint is polled over TLS, verified by the client's
/// `TLSClientContexts` (the node's `--ca-file` plus the system store); a failed verification is
/// `.failed` with libssl's reason (`TLS certificate verification failed: …`), so the node logs
/// it and keeps serving its last good snapshot. The response timeout is the
/// poll's wait plus `slack`, since the control plane adds up to 10 % jitter to its hold. Runs on the
/// given client's event loops; cancellation answers at once and abandons the exchange.
package struct HTTPSnapshotSource: SnapshotSource {
    package let endpoint: HTTPEndpointAddress
    private let clusterSecret: String
    private let client: HTTPClient
    private let slack: Duration

    package init(endpoint: HTTPEndpointAddress, clusterSecret: String, client: HTTPClient, slack: Duration = .seconds(15)) {
        self.endpoint = endpoint
        self.clusterSecret = clusterSecret
        self.client = client
        self.slack = slack
    }

    package func poll(_ request: SnapshotPollRequest) async -> SnapshotPollStateMachine.Answer {
        var headers = HTTPHeaders()
        headers.add("Host", endpoint.hostHeader)
        headers.add("Authorization", "Bearer \(clusterSecret)")
        headers.add("Accept", "application/json")
        let exchange = HTTPClientRequest(
            isTLS: endpoint.isTLS, host: endpoint.host, port: endpoint.port, method: .GET, target: request.target(basePath: endpoint.basePath),
            headers: headers, connectTimeout: .seconds(5), responseTimeout: .seconds(request.waitSeconds) + slack)
        let outcome = OneShot<Result<HTTPResponse, HTTPClientError>?>()
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                outcome.arm(continuation)
                client.execute(exchange) { outcome.fulfil($0) }
            }
        } onCancel: {
            outcome.fulfil(nil)
        }
        let limit = request.maximumSnapshotBytes.map { "this node's limit of \($0) bytes (--max-snapshot-bytes)" } ?? "this node's limit"
        switch result {
        case nil:
            return .failed("cancelled")
        case .failure(.responseTooLarge):
            return .refused("the snapshot is over \(limit)", revision: nil, epoch: nil)
        case .failure(let error):
            return .failed("\(endpoint): \(error)")
        case .success(let response):
            let revision = response.headers[SnapshotPollContract.Header.revision].flatMap { Int64($0) }
            let epoch = response.headers[SnapshotPollContract.Header.epoch]
            switch response.status {
            case 200: return .snapshot(response.body, revision: revision, epoch: epoch)
            case 304: return .notModified
            case 413 where revision != nil:
                let size = response.headers[SnapshotPollContract.Header.snapshotBytes].map { " (\($0) bytes)" } ?? ""
                return .refused("the snapshot\(size) is over \(limit)", revision: revision, epoch: epoch)
            case 401: return .failed("\(endpoint) refused the cluster secret (401)")
            default:
                let text = String(decoding: response.body.prefix(200), as: UTF8.self)
                return .failed("\(endpoint) answered \(response.status): \(text)")
            }
        }
    }
}

/// A continuation resumed exactly once by whichever comes first: the answer or cancellation.
private final class OneShot<Value: Sendable>: Sendable {
    private enum State {
        case idle
        case armed(CheckedContinuation<Value, Never>)
        case delivered(Value)
        case done
    }

    private let state = Mutex<State>(.idle)

    /// Stores the continuation, or resumes it at once if the value came first.
    func arm(_ continuation: CheckedContinuation<Value, Never>) {
        let early = state.withLock { state -> Value? in
            guard case .delivered(let value) = state else {
                state = .armed(continuation)
                return nil
            }
            state = .done
            return value
        }
        if let early { continuation.resume(returning: early) }
    }

    /// Delivers `value` if nothing was delivered yet; later calls are ignored.
    func fulfil(_ value: Value) {
        let continuation = state.withLock { state -> CheckedContinuation<Value, Never>? in
            switch state {
            case .idle:
                state = .delivered(value)
                return nil
            case .armed(let continuation):
                state = .done
                return continuation
            case .delivered, .done:
                return nil
            }
        }
        continuation?.resume(returning: value)
    }
}
