import Shared

/// ImportApiKeys (`POST /apikeys?mode=import&format=csv`): creates or overwrites keys from an API key
/// file (`ApiKeyCSV`) and attaches them to the usage plans the file names. A key whose value exists
/// already is that key, overwritten (name, description, enabled), as AWS documents. A row that breaks
/// a rule (value length, name length, `Enabled` not a boolean, unknown usage plan) is skipped with a
/// warning, or with `failonwarnings=true` fails the whole call with nothing stored.
extension AdminAPI {
    static let importApiKeyHandlers: [String: Handler] = [
        "ImportApiKeys": { try $0.importApiKeys(&$1, $2) },
    ]

    func importApiKeys(_ call: inout AdminCall, _ tx: ConfigTransaction) throws -> AdminReply {
        guard let format = call.queryValue("format") else { throw AdminError.missing("format", in: call.operation.name) }
        guard format == "csv" else { throw AdminError.notInEnum(format, "format", in: call.operation.name, allowed: ["csv"]) }
        let file: ApiKeyCSV
        do {
            file = try ApiKeyCSV.parse(String(decoding: call.body, as: UTF8.self))
        } catch .missingColumn(let column) {
            throw AdminError.badRequest("Invalid API key file: the header must have a \(column) column")
        } catch .unterminatedQuote(let line) {
            throw AdminError.badRequest("Invalid API key file: unterminated quote in the record at line \(line)")
        } catch {
            throw AdminError.badRequest("Invalid API key file: it is empty")
        }
        var warnings: [String] = []
        var accepted: [ApiKeyCSV.Row] = []
        for row in file.rows {
            if let problem = try Self.problem(with: row, tx) { warnings.append("Line \(row.line): \(problem)") } else { accepted.append(row) }
        }
        if call.queryFlag("failonwarnings") && !warnings.isEmpty { throw AdminError.badRequest(warnings.joined(separator: "; ")) }
        var ids: [String] = []
        for row in accepted {
            var key: ApiKey
            if let existing = try tx.apiKeys().first(where: { $0.value == row.key }) {
                key = existing
                key.name = row.name.isEmpty ? nil : row.name
                key.description = row.description.isEmpty ? nil : row.description
                key.enabled = row.enabled ?? true
                key.lastUpdatedDate = call.now
            } else {
                key = ApiKey(id: try Self.apiKeys.freshID(length: ResourceID.restApiLength, tx), value: row.key,
                             name: row.name.isEmpty ? nil : row.name, description: row.description.isEmpty ? nil : row.description,
                             enabled: row.enabled ?? true, createdDate: call.now, lastUpdatedDate: call.now)
            }
            try tx.putApiKey(key)
            for plan in row.usagePlanIds { try tx.addUsagePlanKey(planId: plan, keyId: key.id) }
            ids.append(key.id)
        }
        call.targets.append(contentsOf: ids)
        /// botocore `ApiKeyIds`.
        struct Result: Encodable { var ids: [String]; var warnings: [String] }
        return try .json(Result(ids: ids, warnings: warnings))
    }

    /// Why a row cannot be imported, or nil.
    private static func problem(with row: ApiKeyCSV.Row, _ tx: ConfigTransaction) throws -> String? {
        guard (20...128).contains(row.key.utf16.count) else { return "a Key must be 20 to 128 characters long" }
        guard row.name.utf16.count <= 1024 else { return "a Name can be at most 1024 characters" }
        guard row.enabled != nil else { return "Enabled must be true or false" }
        for plan in row.usagePlanIds where try tx.usagePlan(plan) == nil { return "Invalid Usage Plan ID specified: \(plan)" }
        return nil
    }
}
