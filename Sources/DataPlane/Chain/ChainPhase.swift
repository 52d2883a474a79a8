/// Amazon API Gateway's request phases in their order (reference §2.2): the one ordering every
/// filter is placed by (docs/request-lifecycle.md, "The chain").
///
/// A `FilterFactory` names its slot; `RouteChains` sorts each route's filters by it (factories of
/// the same slot keep the order they were given in). `route` is the pipeline's own first step
/// (invoke URL, stage, path safety, payload size) and `integration` is the route's terminal
/// `IntegrationStep`: no filter takes either slot.
package enum ChainPhase: Int, Sendable, CaseIterable, Comparable {
    // MARK: - Method request
    /// Invoke URL → API, stage, route (the pipeline itself).
    case route
    /// The API's resource policy (`AccessRefusalFilter` refuses until policies are evaluated).
    case resourcePolicy
    /// IAM, Lambda, Cognito authorizers (`AccessRefusalFilter` refuses until they run).
    case authorizer
    /// `apiKeyRequired` methods (`ApiKeyFilter`).
    case apiKey
    /// Throttles at every level and the usage-plan quota (`LimitsFilter`).
    case throttle
    /// `Content-Encoding` of the request body undone (`RequestDecompressionFilter`): after the
    /// caller is known and admitted, before anything reads the body.
    case decompression
    /// Request validators (parameters, body models).
    case validation
    /// The stage cache lookup (`StageCacheFilter`): after the method request, before the integration request.
    case cache
    // MARK: - Integration
    /// Parameter mapping, templates, the upstream request.
    case integrationRequest
    /// The terminal step (`IntegrationStep`), the only I/O.
    case integration
    /// Selection, response parameters and templates.
    case integrationResponse
    /// Method response: request ids, trace id, framing.
    case methodResponse

    package static func < (lhs: ChainPhase, rhs: ChainPhase) -> Bool { lhs.rawValue < rhs.rawValue }
}
