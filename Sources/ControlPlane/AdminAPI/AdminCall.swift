import Foundation

/// Everything a handler knows about one admin call: the operation, its URI labels and query, the
/// body, who called, when, and the ids the audit row will name.
///
/// Built by `AdminAPI.handle`; handlers read it and may append to `targets` (e.g. a created id).
struct AdminCall {
    let operation: AdminOperation
    let labels: [String: String]
    let query: [String: [String]]
    let body: [UInt8]
    let accessKeyId: String
    let requestId: String
    /// Epoch seconds at the start of the call.
    let now: Int64
    /// Ids for the audit row: the URI labels in template order, then whatever the handler adds.
    var targets: [String]
    /// The request's `Accept` header (GetExport chooses JSON or YAML by it).
    let accept: String?
    /// Work a handler leaves to run after its transaction (TestInvokeMethod's backend call): given
    /// the reply's receiver, calls it exactly once from any thread. nil: the handler's reply is the answer.
    var deferred: (@Sendable (@escaping @Sendable (AdminReply) -> Void) -> Void)?

    init(operation: AdminOperation, labels: [String: String], query: [String: [String]], body: [UInt8],
         accessKeyId: String, requestId: String, now: Int64, accept: String? = nil) {
        self.accept = accept
        self.operation = operation
        self.labels = labels
        self.query = query
        self.body = body
        self.accessKeyId = accessKeyId
        self.requestId = requestId
        self.now = now
        targets = operation.uri.split(separator: "/").compactMap { part in
            part.hasPrefix("{") ? labels[String(part.dropFirst().dropLast())] : nil
        }
    }

    /// A URI label; the router guarantees every label of the template is present and non-empty.
    func label(_ name: String) -> String {
        labels[name] ?? ""
    }

    /// The first value of a query parameter.
    func queryValue(_ name: String) -> String? {
        query[name]?.first
    }

    /// A boolean query parameter (`true`, case-insensitive); absent means false.
    func queryFlag(_ name: String) -> Bool {
        queryValue(name)?.lowercased() == "true"
    }

    /// The JSON body decoded as `T`; an empty body decodes as `{}`. The bytes pass `AdminBodyReader`
    /// first (strict syntax, UTF-8, last of duplicate keys wins); a body that fails it or has the
    /// wrong shape is AWS's `SerializationException`.
    func input<T: Decodable>(_ type: T.Type) throws(AdminError) -> T {
        do {
            return try AdminBodyReader.decode(type, from: body)
        } catch let error as AdminError {
            throw error
        } catch let DecodingError.typeMismatch(expected, context) {
            throw .serialization("Cannot deserialize \(Self.pathString(context.codingPath)): expected \(expected)")
        } catch let DecodingError.valueNotFound(_, context) {
            throw .serialization("Null value for \(Self.pathString(context.codingPath))")
        } catch {
            throw .serialization(AdminBodyReader.malformedMessage)
        }
    }

    /// The `patchOperations` of an `Update*` body (absent means none).
    func patchOperations() throws(AdminError) -> [PatchOperation] {
        /// The body of every `Update*` operation.
        struct Body: Decodable { var patchOperations: [PatchOperation]? }
        let operations = try input(Body.self).patchOperations ?? []
        let valid = ["add", "remove", "replace", "move", "copy", "test"]
        for operation in operations where !valid.contains(operation.op) {
            throw AdminError.notInEnum(operation.op, "patchOperations.member.op", in: self.operation.name, allowed: valid)
        }
        return operations
    }

    /// Applies the call's `patchOperations` to `item` in order; every op is validated before the first
    /// is applied, and the first that `apply` refuses stops the call (nothing is stored).
    func applyPatches<Item>(to item: inout Item, _ apply: (PatchOperation, inout Item) throws -> Void) throws {
        for patch in try patchOperations() { try apply(patch, &item) }
    }

    /// One page of `items` per the `position` and `limit` query parameters.
    ///
    /// `limit` defaults to 25 and is clamped to 1…500. `position` is the opaque token a previous page
    /// returned: here the decimal offset of the next item. The returned `position` is nil on the last page.
    func page<T: Encodable>(_ items: [T]) throws(AdminError) -> ListPage<T> {
        var limit = 25
        if let text = queryValue("limit") {
            guard let value = Int(text) else { throw .badRequest("Invalid limit: \(text)") }
            limit = min(max(value, 1), 500)
        }
        var start = 0
        if let text = queryValue("position") {
            guard let value = Int(text), value >= 0 else { throw .badRequest("Invalid position: \(text)") }
            start = min(value, items.count)
        }
        let end = min(start + limit, items.count)
        return ListPage(item: Array(items[start..<end]), position: end < items.count ? String(end) : nil)
    }

    private static func pathString(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}

/// A list response: `{"item": […], "position": "…"}` (AWS's JSON key is `item`).
struct ListPage<T: Encodable>: Encodable {
    var item: [T]
    var position: String?
}

/// What a handler answers on success: a JSON body (or none, for deletes). The status is the operation's.
struct AdminReply: Sendable {
    var body: [UInt8]
    /// The body's media type (GetExport answers `application/octet-stream`).
    var contentType = "application/json"
    /// More response headers (GetExport's `Content-Disposition`).
    var headers: [(name: String, value: String)] = []

    static let empty = AdminReply(body: [])

    static func json(_ value: some Encodable) throws(AdminError) -> AdminReply {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return AdminReply(body: Array(try encoder.encode(value)))
        } catch {
            throw .internalFailure("cannot encode the response")
        }
    }
}
