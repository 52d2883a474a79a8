import Shared

/// `minimumCompressionSize` on the request side (docs/request-lifecycle.md, "Request
/// decompression"): a body sent with `Content-Encoding: gzip` or `deflate` (or a list of them) is
/// decompressed before request validation, mapping templates and every integration see it, as
/// AWS does ("API Gateway decompresses the payload, applies the mapping template, and passes the
/// mapped request to the integration endpoint").
///
/// Per request: nothing happens for an empty body, a body under the API's minimum (AWS: "If the
/// payload size is smaller than this value, compression or decompression is not applied") or
/// without a coding other than `identity`. Otherwise AWS's answers: a coding it does not support
/// (`br`, `x-foo`) or a body that does not decompress → 415 `{"message":"Unsupported Media Type"}`;
/// a decompressed body over the 10 MiB payload limit → 413 `{"message":"Request Too Long"}`, found
/// while streaming (`Zlib.decompress(_:coding:limit:into:)`), never buffered whole; no room in the
/// node's body memory budget → 503, as the engine answers a raw body it has no room for.
///
/// The decoded body replaces `request.body`; the headers stay as sent (AWS hands Lambda proxy
/// events the `Content-Encoding` header with the decoded body), and HTTP_PROXY drops the header
/// for the decoded body it forwards. Placed in the `decompression` slot: after authorization (a
/// SigV4 body hash covers the bytes sent), API keys and throttles (no unadmitted caller costs a
/// decompression), before validation.
struct RequestDecompressionFilter: RequestFilter {
    /// Bytes of the body as received; 0 decodes every non-empty body.
    let minimumSize: Int
    /// The most bytes a decoded body may have (the payload limit).
    let limit: Int
    let budget: BodyMemoryBudget?

    var name: String { "decompression" }

    func onRequest(_ invocation: inout Invocation) -> PhaseOutcome {
        let body = invocation.request.body
        guard !body.isEmpty, body.count >= minimumSize else { return .proceed }
        let codings: [ContentCoding]
        switch ContentEncoding(invocation.request.headers.values("Content-Encoding")) {
        case .identity: return .proceed
        case .unsupported: return .fail(.unsupportedMediaType)
        case .decode(let list): codings = list
        }
        switch Self.decode(body, codings: codings, limit: limit, budget: budget) {
        case .failure(let error):
            switch error {
            case .corrupt: return .fail(.unsupportedMediaType)
            case .tooLarge: return .fail(.requestTooLarge)
            case .noMemory: return .fail(.serviceUnavailable)
            }
        case .success(let (decoded, reserved)):
            invocation.replaceBody(decoded)
            invocation.slots[.decodedBody] = DecodedBody(codings: codings, receivedBytes: body.count, budget: budget, reservedBytes: reserved)
            return .proceed
        }
    }

    /// `body` with `codings` undone in order; the last layer's bytes and their reservation in
    /// `budget` (an intermediate layer's is given back as soon as the next one is decoded).
    static func decode(_ body: [UInt8], codings: [ContentCoding], limit: Int,
                       budget: BodyMemoryBudget?) -> Result<([UInt8], Int), Zlib.DecompressionError> {
        var layer = body
        var held = 0
        for coding in codings {
            var output = BodyAccumulator(budget: budget, maxBytes: limit)
            let failure = Zlib.decompress(layer, coding: coding, limit: limit, into: &output)
            budget?.release(held)
            if let failure {
                output.release()
                return .failure(failure)
            }
            (layer, held) = output.take()
        }
        return .success((layer, held))
    }
}

/// Makes a `RequestDecompressionFilter` for every route of a stage whose API sets
/// `minimumCompressionSize` (AWS ties request decompression to the same setting as response
/// compression); routes of other APIs carry none and pass compressed bodies on as sent. Part of
/// `DefaultChain.builtIn`: an accepted setting is enforced.
struct RequestDecompressionFilterFactory: FilterFactory {
    let budget: BodyMemoryBudget?

    var phase: ChainPhase { .decompression }

    func makeFilter(for route: CompiledRoute, on stage: CompiledStage) -> (any RequestFilter)? {
        stage.minimumCompressionSize.map {
            RequestDecompressionFilter(minimumSize: $0, limit: RequestPipeline.maxPayloadBytes, budget: budget)
        }
    }
}
