/// Why a deployment or snapshot cannot be served. Thrown by `SnapshotCompiler`.
///
/// `message` is Amazon API Gateway's text where one is known (the admin API returns it as a
/// `BadRequestException` body); `description` prefixes the place (`GET /pets/{id}`) for logs.
package enum CompileError: Error, Equatable, Sendable, CustomStringConvertible {
    case unsupportedSchemaVersion(Int)
    case duplicateStage(restApiId: String, stage: String)
    case missingRootResource
    /// Only from `validate`: AWS refuses to deploy an API without methods.
    case noMethods
    case multipleRootResources(ids: [String])
    case duplicateResourceId(String)
    case unknownParent(resourceId: String, parentId: String)
    case cyclicResources(resourceId: String)
    case invalidPathPart(resourceId: String, pathPart: String)
    case duplicateSibling(parentPath: String, pathPart: String)
    case variableSiblingConflict(parentPath: String, pathPart: String)
    case childOfGreedy(path: String, greedyPart: String)
    case invalidHttpMethod(resourcePath: String, method: String)
    case noIntegration(MethodRef)
    case unsupportedIntegration(MethodRef, reason: String)
    case missingIntegrationHttpMethod(MethodRef)
    case invalidIntegrationHttpMethod(MethodRef, method: String)
    case invalidHttpEndpoint(MethodRef, uri: String)
    case invalidLambdaUri(MethodRef, uri: String)
    case invalidTimeout(MethodRef, millis: Int)
    case invalidStatusCode(MethodRef, statusCode: String)
    case invalidSelectionPattern(MethodRef, statusCode: String, pattern: String)
    case invalidMappingTarget(MethodRef, parameter: String)
    case invalidMappingExpression(MethodRef, parameter: String, expression: String)
    case invalidStageVariableReference(MethodRef, text: String)
    /// A request or response mapping template that does not compile (VTL syntax, size).
    case invalidMappingTemplate(MethodRef, contentType: String, error: VTLCompileError)
    /// A customised gateway response the data plane cannot serve as written.
    case invalidGatewayResponse(type: String, reason: String)
    /// The definition uses a feature whose runtime behaviour Tollgate does not serve yet (request
    /// validation, customised gateway responses): refused so it is never silently ignored.
    case unsupportedFeature(feature: String, detail: String)
    /// The method names a request validator the deployment does not hold.
    case unknownRequestValidator(MethodRef, validatorId: String)
    /// A request model a validating method uses is missing or does not compile (a `$ref` to a
    /// model that does not exist, a schema that is not draft 4).
    case invalidRequestModel(MethodRef, model: String, reason: String)

    /// A method of a resource, for error locations: `GET /pets/{id}`.
    package struct MethodRef: Equatable, Sendable, CustomStringConvertible {
        package let resourcePath: String
        package let httpMethod: String
        package init(resourcePath: String, httpMethod: String) {
            self.resourcePath = resourcePath
            self.httpMethod = httpMethod
        }
        package var description: String { "\(httpMethod) \(resourcePath)" }
    }

    /// The message alone, worded like Amazon API Gateway's where it has one.
    package var message: String {
        switch self {
        case .unsupportedSchemaVersion(let version):
            return "Unsupported snapshot schema version \(version)"
        case .duplicateStage(let api, let stage):
            return "Stage \(stage) of API \(api) appears twice in the snapshot"
        case .missingRootResource:
            return "The API has no root resource"
        case .noMethods:
            return "The REST API doesn't contain any methods"
        case .multipleRootResources(let ids):
            return "The API has more than one root resource: \(ids.joined(separator: ", "))"
        case .duplicateResourceId(let id):
            return "Resource id \(id) appears twice"
        case .unknownParent(let id, let parent):
            return "Resource \(id) has an unknown parent \(parent)"
        case .cyclicResources:
            return "Resources cannot be cyclical."
        case .invalidPathPart:
            return "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace."
        case .duplicateSibling(_, let part):
            return "Another resource with the same parent already has this name: \(part)"
        case .variableSiblingConflict(_, let part):
            return "A sibling (\(part)) of this resource already has a variable path part -- only one is allowed"
        case .childOfGreedy(_, let greedy):
            return "Cannot create a child of a resource with a greedy path variable: \(greedy)"
        case .invalidHttpMethod:
            return "Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY"
        case .noIntegration:
            return "No integration defined for method"
        case .unsupportedIntegration(_, let reason):
            return reason
        case .missingIntegrationHttpMethod:
            return "Enumeration value for HttpMethod must be non-empty"
        case .invalidIntegrationHttpMethod(_, let method):
            return "Invalid integration HttpMethod specified: \(method)"
        case .invalidHttpEndpoint:
            return "Invalid HTTP endpoint specified for URI"
        case .invalidLambdaUri:
            return "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations."
        case .invalidTimeout:
            return "Timeout should be between 50 ms and 300000 ms"
        case .invalidStatusCode(_, let code):
            return "Invalid status code specified: \(code)"
        case .invalidSelectionPattern(_, _, let pattern):
            return "Invalid selection pattern specified: \(pattern)"
        case .invalidMappingTarget(_, let parameter):
            return "Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression parameter specified: \(parameter)]"
        case .invalidMappingExpression(_, _, let expression):
            return "Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression specified: \(expression)]"
        case .invalidStageVariableReference(_, let text):
            return "Invalid stage variable reference in: \(text)"
        case .invalidMappingTemplate(_, let contentType, let error):
            return "Invalid mapping template specified for content type \(contentType): \(error.kind) at line \(error.position.line), column \(error.position.column)"
        case .invalidGatewayResponse(let type, let reason):
            return "Invalid gateway response \(type): \(reason)"
        case .unsupportedFeature(let feature, let detail):
            return "This gateway does not serve \(feature) yet (\(detail)); remove it before deploying"
        case .unknownRequestValidator:
            return "Invalid Request Validator identifier specified"
        case .invalidRequestModel(_, let model, let reason):
            return "Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified for model \(model): \(reason)]"
        }
    }

    /// Where the problem is, or nil for snapshot-wide errors.
    package var location: String? {
        switch self {
        case .unsupportedSchemaVersion, .missingRootResource, .noMethods, .multipleRootResources, .duplicateResourceId,
             .unsupportedFeature, .invalidGatewayResponse:
            return nil
        case .duplicateStage(let api, let stage):
            return "\(api)/\(stage)"
        case .unknownParent(let id, _), .cyclicResources(let id), .invalidPathPart(let id, _):
            return "resource \(id)"
        case .duplicateSibling(let path, _), .variableSiblingConflict(let path, _), .childOfGreedy(let path, _):
            return path
        case .invalidHttpMethod(let path, let method):
            return "\(method) \(path)"
        case .noIntegration(let ref), .unsupportedIntegration(let ref, _), .missingIntegrationHttpMethod(let ref),
             .invalidIntegrationHttpMethod(let ref, _), .invalidHttpEndpoint(let ref, _), .invalidLambdaUri(let ref, _),
             .invalidTimeout(let ref, _), .invalidStatusCode(let ref, _), .invalidSelectionPattern(let ref, _, _),
             .invalidMappingTarget(let ref, _), .invalidMappingExpression(let ref, _, _),
             .invalidStageVariableReference(let ref, _), .unknownRequestValidator(let ref, _), .invalidRequestModel(let ref, _, _),
             .invalidMappingTemplate(let ref, _, _):
            return ref.description
        }
    }

    package var description: String {
        guard let location else { return message }
        return "\(location): \(message)"
    }
}
