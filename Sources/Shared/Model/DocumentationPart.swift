/// A documentation part of a REST API (botocore `DocumentationPart`): free JSON `properties`
/// attached to one `location` of the API (the API itself, a resource, a method, a parameter, a
/// response, a model …). Documentation has no runtime effect; it is kept with the definition so
/// OpenAPI import and export carry it (`x-amazon-apigateway-documentation`).
package struct DocumentationPart: Codable, Sendable, Equatable {
    package var id: String
    package var location: DocumentationPartLocation
    /// A JSON object as text, as AWS stores and returns it.
    package var properties: String

    package init(id: String, location: DocumentationPartLocation, properties: String) {
        self.id = id
        self.location = location
        self.properties = properties
    }
}

/// botocore `DocumentationPartLocation`.
package struct DocumentationPartLocation: Codable, Sendable, Equatable {
    /// API, AUTHORIZER, MODEL, RESOURCE, METHOD, PATH_PARAMETER, QUERY_PARAMETER, REQUEST_HEADER,
    /// REQUEST_BODY, RESPONSE, RESPONSE_HEADER or RESPONSE_BODY.
    package var type: String
    package var path: String?
    package var method: String?
    package var statusCode: String?
    package var name: String?

    package init(type: String, path: String? = nil, method: String? = nil, statusCode: String? = nil, name: String? = nil) {
        self.type = type
        self.path = path
        self.method = method
        self.statusCode = statusCode
        self.name = name
    }

    package static let types = ["API", "AUTHORIZER", "MODEL", "RESOURCE", "METHOD", "PATH_PARAMETER", "QUERY_PARAMETER",
                                "REQUEST_HEADER", "REQUEST_BODY", "RESPONSE", "RESPONSE_HEADER", "RESPONSE_BODY"]
}
