import Testing
@testable import DataPlane
@testable import Shared

@Suite struct GatewayErrorTests {
    @Test(arguments: [
        (GatewayError.missingAuthenticationToken, 403, #"{"message":"Missing Authentication Token"}"#, "MissingAuthenticationTokenException"),
        (.unknownApi("nope42"), 404, #"{"message":"The API id 'nope42' does not correspond to a deployed API Gateway API"}"#, "NotFoundException"),
        (.forbidden, 403, #"{"message":"Forbidden"}"#, "ForbiddenException"),
        (.unauthorized, 401, #"{"message":"Unauthorized"}"#, "UnauthorizedException"),
        (.accessDenied(resource: "arn:aws:execute-api:us-east-1:********9012:abc/prod/GET/"), 403,
         #"{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:********9012:abc/prod/GET/"}"#,
         "AccessDeniedException"),
        (.executeApiEndpointDisabled, 403, #"{"message":"Forbidden"}"#, "ForbiddenException"),
        (.throttled, 429, #"{"message":"Too Many Requests"}"#, "TooManyRequestsException"),
        (.quotaExceeded, 429, #"{"message":"Limit Exceeded"}"#, "LimitExceededException"),
        (.requestTooLarge, 413, #"{"message":"Request Too Long"}"#, "RequestTooLongException"),
        (.unsupportedMediaType, 415, #"{"message":"Unsupported Media Type"}"#, "BadRequestException"),
        (.missingRequiredParameters(["q", "x-header"]), 400, #"{"message":"Missing required request parameters: [q, x-header]"}"#, "BadRequestException"),
        (.invalidRequestBody(validationErrorString: "[x]"), 400, #"{"message":"Invalid request body"}"#, "BadRequestException"),
        (.integrationTimeout, 504, #"{"message": "Endpoint request timed out"}"#, "InternalServerErrorException"),
        (.integrationFailure, 504, #"{"message": "Network error communicating with endpoint"}"#, "InternalServerErrorException"),
        (.internalServerError, 500, #"{"message": "Internal server error"}"#, "InternalServerErrorException"),
        (.lambdaMalformed, 502, #"{"message": "Internal server error"}"#, "InternalServerErrorException"),
        (.serviceUnavailable, 503, #"{"message":"Service Unavailable"}"#, "ServiceUnavailableException"),
    ])
    func mapsToAwsStatusBodyAndErrorType(error: GatewayError, status: Int, body: String, errorType: String) {
        let response = error.response
        #expect(response.status == status)
        #expect(String(decoding: response.body, as: UTF8.self) == body)
        #expect(response.headers["x-amzn-ErrorType"] == errorType)
        #expect(response.headers["Content-Type"] == "application/json")
    }

    @Test func internalServerErrorBodyIs36BytesLikeAws() {
        #expect(GatewayError.internalServerError.response.body.count == 36)
    }

    @Test func unknownApiIdsAreJsonEscaped() {
        #expect(GatewayError.unknownApi("a\"b").body == #"{"message":"The API id 'a\"b' does not correspond to a deployed API Gateway API"}"#)
    }
}
