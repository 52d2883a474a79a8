import Foundation
import Shared

/// Reads an admin request body strictly, as AWS's Jackson-based front end does, before Foundation's
/// `JSONDecoder` binds it to an operation's input type.
///
/// The rules (docs/config-flow.md, "Admin input"):
/// - an empty body is `{}` (botocore sends none for operations without body members);
/// - the bytes must be valid UTF-8 (RFC 8259 §8.1), otherwise `SerializationException`;
/// - the syntax is RFC 8259 exactly, via the shared `JSONParser`: no trailing commas, comments,
///   single quotes, `NaN` or other JSON5 leniencies that Foundation's reader may accept;
/// - a key repeated in one object keeps its **last** value (Jackson binds the last one; Foundation's
///   decoder on this toolchain keeps the first, and accepts trailing commas).
///
/// Every JSON text a client sends is read here: request bodies (`AdminCall.input`) and JSON held in
/// a patch value (a usage plan stage's `throttle` map, `UsagePlanPatch`).
/// The normalised document is written back out compactly and only then decoded. Foundation's
/// coders remain for that last step (and for encoding replies, `AdminReply.json`) because the admin
/// model types are `Codable` and the control plane is off the hot path; every byte they read has
/// already passed this reader, so the JSON *syntax* accepted is the shared parser's alone.
enum AdminBodyReader {
    /// The message for a body that is not a JSON document.
    static let malformedMessage = "Malformed JSON request body"

    /// `body` read by `normalized`, then bound to `T` by Foundation's decoder, whose
    /// `DecodingError`s pass through for the caller to word (`AdminCall.input`).
    static func decode<T: Decodable>(_ type: T.Type, from body: [UInt8]) throws -> T {
        try JSONDecoder().decode(type, from: Data(try normalized(body)))
    }

    /// `body` checked and normalised: compact JSON with duplicate keys resolved (last wins).
    static func normalized(_ body: [UInt8]) throws(AdminError) -> [UInt8] {
        if body.isEmpty { return Array("{}".utf8) }
        guard String(validating: body, as: UTF8.self) != nil else {
            throw .serialization("Invalid UTF-8 in the JSON request body")
        }
        let document: JSONValue
        do {
            document = try JSONParser.parse(body)
        } catch {
            throw .serialization(malformedMessage)
        }
        return Array(document.keepingLastOfDuplicateKeys().serialized().utf8)
    }
}
