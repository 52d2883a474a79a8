import Shared

/// `contentHandling` on integration requests and integration responses: AWS's two conversion
/// tables ("Content type conversions in API Gateway"), pure and table-tested.
///
/// A payload is *binary* when its media type matches one of the API's `binaryMediaTypes`
/// (`BinaryMediaTypes.matches`, wildcards allowed); without `binaryMediaTypes` everything is text.
/// `CONVERT_TO_BINARY` base64-decodes a text payload and leaves a binary one; `CONVERT_TO_TEXT`
/// base64-encodes a binary payload and leaves a text one. Unset: requests pass through; responses
/// follow the request's `Accept` (its first media type, as AWS reads it): a text payload to a
/// client accepting a binary type is base64-decoded, a binary payload to a client accepting text
/// is base64-encoded. A payload that should be decoded but is not base64 → nil (AWS answers 500,
/// API_CONFIGURATION_ERROR). Conversions run on the payload before any mapping template.
package enum ContentConversion {
    package enum Handling: String, Sendable {
        case convertToBinary = "CONVERT_TO_BINARY"
        case convertToText = "CONVERT_TO_TEXT"
    }

    /// The integration request payload for a method request `body` with `contentType`.
    package static func integrationRequestBody(_ body: [UInt8], contentType: String?, binaryMediaTypes: [String],
                                               handling: String?) -> [UInt8]? {
        guard let handling = handling.flatMap(Handling.init(rawValue:)) else { return body }
        return convert(body, isBinary: BinaryMediaTypes.matches(contentType, binaryMediaTypes), handling: handling)
    }

    /// The method response payload for an integration response `body` with `contentType`,
    /// answering a request that sent `accept`.
    package static func methodResponseBody(_ body: [UInt8], contentType: String?, accept: String?, binaryMediaTypes: [String],
                                           handling: String?) -> [UInt8]? {
        let isBinary = BinaryMediaTypes.matches(contentType, binaryMediaTypes)
        if let handling = handling.flatMap(Handling.init(rawValue:)) { return convert(body, isBinary: isBinary, handling: handling) }
        guard !binaryMediaTypes.isEmpty else { return body }
        let acceptsBinary = BinaryMediaTypes.matches(accept, binaryMediaTypes)
        switch (isBinary, acceptsBinary) {
        case (false, true): return decode(body)
        case (true, false): return Array(Base64.encode(body).utf8)
        default: return body
        }
    }

    private static func convert(_ body: [UInt8], isBinary: Bool, handling: Handling) -> [UInt8]? {
        switch handling {
        case .convertToBinary: return isBinary ? body : decode(body)
        case .convertToText: return isBinary ? Array(Base64.encode(body).utf8) : body
        }
    }

    private static func decode(_ body: [UInt8]) -> [UInt8]? {
        guard let text = String(validating: body, as: UTF8.self) else { return nil }
        return Base64.decode(text)
    }
}
