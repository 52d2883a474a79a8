import Shared

/// Runs a method's request validator in the chain's `validation` slot: after authorization, the
/// API key and the throttles, before the integration request, as AWS orders them (reference §2.2).
///
/// The compiled config is the route's `CompiledRequestValidation` (schemas compiled once per
/// snapshot). Per request: every required parameter is looked up (missing or blank →
/// `.missingRequiredParameters` with every such name, BAD_REQUEST_PARAMETERS), then the body is
/// parsed once and checked against the model for its Content-Type (not JSON or not matching →
/// `.invalidRequestBody` with the violations, BAD_REQUEST_BODY). A body that passed is left in the
/// `validatedBody` slot for later phases. An empty body is checked as `{}` (what LocalStack's
/// AWS-validated implementation does; AWS's own choice is not documented).
struct RequestValidationFilter: RequestFilter {
    let validation: CompiledRequestValidation

    var name: String { "requestValidation" }

    func onRequest(_ invocation: inout Invocation) -> PhaseOutcome {
        if !validation.requiredParameters.isEmpty {
            let missing = Self.missingParameters(validation.requiredParameters, in: invocation)
            if !missing.isEmpty { return .fail(.missingRequiredParameters(missing)) }
        }
        guard let model = validation.bodyModel(forContentType: invocation.request.headers["Content-Type"]) else { return .proceed }
        let body = invocation.request.body
        let value: JSONValue
        do {
            value = body.isEmpty ? .object([]) : try JSONParser.parse(body)
        } catch {
            return .fail(.invalidRequestBody(validationErrorString: "[Invalid JSON body: \(error.reason) at offset \(error.offset)]"))
        }
        let result = model.schema.validate(value)
        guard result.isValid else { return .fail(.invalidRequestBody(validationErrorString: result.validationErrorString)) }
        invocation.slots[.validatedBody] = ValidatedBody(value: value, modelName: model.modelName)
        return .proceed
    }

    /// The names of `required` that `invocation` lacks or sends blank (empty or only spaces and
    /// tabs: AWS checks that required parameters "are included and not blank"), in order.
    static func missingParameters(_ required: [CompiledRequestValidation.RequiredParameter], in invocation: Invocation) -> [String] {
        var missing: [String] = []
        for parameter in required {
            let value: String?
            switch parameter.location {
            case .path: value = invocation.pathParameter(parameter.name)
            case .querystring: value = invocation.query.last(parameter.name)
            case .header: value = invocation.request.headers[parameter.name]
            }
            if value.map(isBlank) ?? true { missing.append(parameter.name) }
        }
        return missing
    }

    private static func isBlank(_ value: String) -> Bool {
        value.utf8.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }
}

/// Makes a `RequestValidationFilter` for each route whose method has a validator with something
/// to check (`CompiledRoute.requestValidation`); every other route carries none, so its cost is
/// unchanged. Part of `DefaultChain.builtIn`: a validator that was accepted is always enforced.
struct RequestValidationFilterFactory: FilterFactory {
    var phase: ChainPhase { .validation }

    func makeFilter(for route: CompiledRoute, on stage: CompiledStage) -> (any RequestFilter)? {
        route.requestValidation.map { RequestValidationFilter(validation: $0) }
    }
}
