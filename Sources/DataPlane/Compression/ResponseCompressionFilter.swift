import Shared

/// `minimumCompressionSize` (docs/request-lifecycle.md, "Method response"): compresses a
/// response with gzip or deflate when the client's `Accept-Encoding` puts one of them first, the
/// response has no `Content-Encoding` yet (an integration's compressed answer passes as it is),
/// and its body — after response templates — is at least the API's minimum (and not empty).
///
/// A response hook only (no request hook), in the chain's outermost slot so that it runs after
/// every other filter's response hook (the response travels back out in reverse phase order):
/// what the client receives is the final body, compressed. Adds `Content-Encoding` and
/// `Vary: Accept-Encoding` (so shared caches keep the codings apart; whether AWS adds `Vary` is
/// unverified).
struct ResponseCompressionFilter: RequestFilter {
    /// Bytes; 0 compresses every non-empty body.
    let minimumSize: Int

    var name: String { "compression" }
    var hooks: FilterHooks { .response }

    func onResponse(_ response: inout HTTPResponse, invocation: Invocation) {
        guard !response.body.isEmpty, response.body.count >= minimumSize, !response.headers.contains("Content-Encoding"),
              let coding = AcceptEncoding.preferredCoding(invocation.request.headers["Accept-Encoding"]) else { return }
        response.body = Zlib.compress(response.body, coding: coding)
        response.headers.set("Content-Encoding", coding.rawValue)
        response.headers.add("Vary", "Accept-Encoding")
    }
}

/// Makes a `ResponseCompressionFilter` for every route of a stage whose API sets
/// `minimumCompressionSize`; routes of other APIs carry none. Part of `DefaultChain.builtIn`
/// (an accepted setting is enforced), placed first: `resourcePolicy` is the earliest slot a
/// filter may take, and the first filter's response hook runs last.
struct ResponseCompressionFilterFactory: FilterFactory {
    var phase: ChainPhase { .resourcePolicy }

    func makeFilter(for route: CompiledRoute, on stage: CompiledStage) -> (any RequestFilter)? {
        stage.minimumCompressionSize.map { ResponseCompressionFilter(minimumSize: $0) }
    }
}
