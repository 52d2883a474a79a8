import Foundation

/// JSON encoding of the documents the store keeps (`DeploymentContent`, `Stage`, `ApiKey`, …).
///
/// Keys are sorted so the same value always produces the same bytes. A document that no longer
/// decodes surfaces as `StoreError.corrupt` rather than a crash.
enum StoreCodec {
    static func encode(_ value: some Encodable) throws(StoreError) -> SQLiteValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return .blob(Array(try encoder.encode(value)))
        } catch {
            throw .corrupt("cannot encode \(type(of: value)): \(error)")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8]) throws(StoreError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch {
            throw .corrupt("cannot decode \(type): \(error)")
        }
    }
}
