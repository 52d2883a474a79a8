/// botocore `DocumentationPart`: documentation of one entity of a REST API. `properties` is a JSON
/// object as text, as AWS keeps it.
package struct DocumentationPart: Codable, Sendable, Equatable {
    package var id: String
    package var location: DocumentationPartLocation
    package var properties: String

    package init(id: String, location: DocumentationPartLocation, properties: String) {
        self.id = id
        self.location = location
        self.properties = properties
    }
}

/// botocore `DocumentationPartLocation`: which entity a part documents. Only the fields valid for
/// `type` are set (`DocumentationPartRules` fills AWS's defaults `/` and `*`).
package struct DocumentationPartLocation: Codable, Sendable, Equatable, Hashable {
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
}

/// botocore `DocumentationVersion`: a named snapshot of an API's documentation parts.
package struct DocumentationVersion: Codable, Sendable, Equatable {
    package var version: String
    package var createdDate: Int64
    package var description: String?

    package init(version: String, createdDate: Int64, description: String?) {
        self.version = version
        self.createdDate = createdDate
        self.description = description
    }
}
