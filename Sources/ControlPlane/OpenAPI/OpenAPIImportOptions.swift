/// How ImportRestApi and PutRestApi read a document: their query parameters, checked.
///
/// botocore sends `failOnWarnings` as `failonwarnings`, `mode` as `mode`, and the `parameters` map
/// as plain query parameters (`basepath=prepend`, `endpointConfigurationTypes=REGIONAL`,
/// `ignore=documentation`).
struct OpenAPIImportOptions: Equatable, Sendable {
    /// AWS's three readings of the document's base path (`basePath` in 2.0, the `basePath` server
    /// variable or the first server URL's path in 3.0). Default `ignore`.
    enum BasePath: String, Sendable {
        /// Paths are served as written.
        case ignore
        /// The whole base path is prepended to every path (as resources without methods).
        case prepend
        /// The base path's first part is dropped (it names the stage), the rest is prepended.
        case split
    }

    /// How PutRestApi combines the document with the API (default `merge`); ImportRestApi creates.
    enum Mode: String, Sendable {
        case merge
        case overwrite
    }

    var basePath: BasePath = .ignore
    var mode: Mode = .merge
    /// `endpointConfigurationTypes`: one of EDGE, REGIONAL, PRIVATE; nil keeps the API's (EDGE when new).
    var endpointType: String?
    var ignoreDocumentation = false
    var failOnWarnings = false

    init(basePath: BasePath = .ignore, mode: Mode = .merge, endpointType: String? = nil, ignoreDocumentation: Bool = false,
         failOnWarnings: Bool = false) {
        self.basePath = basePath
        self.mode = mode
        self.endpointType = endpointType
        self.ignoreDocumentation = ignoreDocumentation
        self.failOnWarnings = failOnWarnings
    }

    /// The options of a call's query (the first value of each name), or AWS's 400. `importing`:
    /// ImportRestApi, whose `mode=import` is part of its route, not a PutRestApi mode.
    init(query: [String: [String]], importing: Bool = false) throws(OpenAPIImportError) {
        if !importing, let text = query["mode"]?.first {
            guard let mode = Mode(rawValue: text) else {
                throw .invalidParameter(#"Enumeration value of OpenAPI import mode must be "overwrite" or "merge""#)
            }
            self.mode = mode
        }
        if let text = query["basepath"]?.first {
            guard let basePath = BasePath(rawValue: text) else {
                throw .invalidParameter("Invalid value for basepath parameter: \(text). Valid values are: ignore, prepend, split")
            }
            self.basePath = basePath
        }
        if let text = query["endpointConfigurationTypes"]?.first {
            guard ["EDGE", "REGIONAL", "PRIVATE"].contains(text) else {
                throw .invalidParameter("Invalid endpoint configuration type specified: \(text)")
            }
            endpointType = text
        }
        if let text = query["ignore"]?.first {
            guard text == "documentation" else {
                throw .invalidParameter("Invalid value for ignore parameter: \(text). Valid values are: documentation")
            }
            ignoreDocumentation = true
        }
        failOnWarnings = query["failonwarnings"]?.first?.lowercased() == "true"
    }
}
