import Foundation
@testable import ControlPlane
import Shared

/// The vendored OpenAPI documents (`Tests/Fixtures/OpenAPI`, see its README for sources and licences).
enum OpenAPIFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/OpenAPI")

    static let names = ["petstore-v3.yaml", "petstore-v2.json", "aws-example-petstore.json", "every-extension.yaml"]

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// `text` read and imported (default options), for table tests.
    static func definition(_ text: String, options: OpenAPIImportOptions = OpenAPIImportOptions()) throws -> OpenAPIDefinition {
        try OpenAPIImporter.definition(of: OpenAPIImporter.read(Array(text.utf8)), restApiId: "api1234567", options: options)
    }

    /// A whole definition of `text` placed in a new API.
    static func content(_ text: String, options: OpenAPIImportOptions = OpenAPIImportOptions()) throws -> DeploymentContent {
        try definition(text, options: options).applied(to: nil, apiId: "api1234567", now: 1_700_000_000, options: options)
    }
}

extension DeploymentContent {
    /// The method at `path` and `verb`, for assertions.
    func method(_ path: String, _ verb: String) -> Method? {
        resources.first { $0.path == path }?.resourceMethods?[verb]
    }
}
