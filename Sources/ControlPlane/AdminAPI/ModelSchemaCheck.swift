import Shared

/// The one check a model's `schema` passes on CreateModel and UpdateModel.
///
/// Today: the text must be a JSON object (AWS stores a JSON Schema draft 4 document). A JSON Schema
/// draft-4 engine (`Shared/JSONSchema`) is being built separately; when it lands, `problem(in:)` is
/// the single place to point at it (compile the schema there and return its first error), and every
/// caller gets the full check. Pure; runs inside an admin request.
enum ModelSchemaCheck {
    /// Nil when `schema` is acceptable, else the 400 `BadRequestException` message.
    static func problem(in schema: String) -> String? {
        let value: JSONValue
        do {
            value = try JSONParser.parse(Array(schema.utf8))
        } catch {
            return "Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified]"
        }
        guard case .object = value else {
            return "Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified. The schema must be a JSON object]"
        }
        return nil
    }
}
