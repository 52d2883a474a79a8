/// One request of `HTTPClient` and what has come back for it so far.
///
/// A class: the connection's state, the retry path and the pool hand the same exchange around,
/// and a struct of this size was copied (retaining every field) on each parser event.
/// Loop-confined.
final class HTTPClientExchange {
    let request: HTTPClientRequest
    let completion: (Result<HTTPResponse, HTTPClientError>) -> Void
    /// Sent on a connection taken from the pool (eligible for one retry if it proves stale).
    var reused: Bool
    var head: HTTPResponseHead?
    /// The response body, counted against the pool's budget; set up when the exchange starts.
    var body = BodyAccumulator(budget: nil, maxBytes: 0)
    var receivedAnything = false

    init(request: HTTPClientRequest, completion: @escaping (Result<HTTPResponse, HTTPClientError>) -> Void, reused: Bool) {
        self.request = request
        self.completion = completion
        self.reused = reused
    }
}
