import Testing
@testable import DataPlane
@testable import Shared

@Suite struct GatewayErrorSourceTests {
    @Test(arguments: [
        (GatewayError.missingAuthenticationToken, ErrorSource.client), (.forbidden, .client), (.throttled, .client),
        (.quotaExceeded, .client), (.requestTooLarge, .client), (.dotSegmentInPath, .client),
        (.integrationTimeout, .integration), (.integrationFailure, .integration), (.lambdaMalformed, .integration),
        (.internalServerError, .gateway), (.serviceUnavailable, .gateway),
    ])
    func everyErrorNamesWhoCausedIt(error: GatewayError, source: ErrorSource) {
        #expect(error.source == source)
    }

    @Test func clientErrorsAre4xxAndTheOthers5xx() {
        let all: [GatewayError] = [.missingAuthenticationToken, .unknownApi("x"), .noApiInRequest, .accessDenied(resource: "r"), .unauthorized,
                                   .forbidden, .executeApiEndpointDisabled, .throttled, .quotaExceeded, .requestTooLarge, .unsupportedMediaType,
                                   .missingRequiredParameters(["a"]), .invalidRequestBody(validationErrorString: "[x]"), .dotSegmentInPath, .integrationTimeout,
                                   .integrationFailure, .internalServerError, .lambdaMalformed, .serviceUnavailable]
        for error in all { #expect((error.source == .client) == (400..<500).contains(error.status), "\(error)") }
    }
}
