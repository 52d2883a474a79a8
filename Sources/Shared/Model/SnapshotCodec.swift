import Foundation

/// The wire and file form of a `Snapshot`, and its checksum rule. Control plane and data plane both
/// use this type, so the rule lives in one place.
///
/// **Form.** Canonical JSON: `JSONEncoder` with `.sortedKeys` and `.withoutEscapingSlashes`, no
/// whitespace. **Checksum.** `checksum` is the lowercase hex SHA-256 of the canonical encoding of
/// the snapshot with `checksum` set to "" — equivalently, of the body with the top-level checksum's
/// value emptied to `""`. `encode` encodes once and splices the checksum in (`SnapshotCodec+Assembly`
/// produces the same bytes from pre-encoded deployments); `decode` hashes the
/// bytes exactly as received (it never re-encodes), so any altered byte is caught, and the bytes
/// must be passed along untouched (no re-indentation). Pure and thread-safe.
package enum SnapshotCodec {
    // MARK: - Encoding

    /// The final bytes of `snapshot` with its checksum computed (the `checksum` it carries is ignored).
    package static func encode(_ snapshot: Snapshot) -> [UInt8] {
        var copy = snapshot
        return seal(&copy)
    }

    /// Like `encode`, and also stores the computed checksum in `snapshot`.
    package static func seal(_ snapshot: inout Snapshot) -> [UInt8] {
        snapshot.checksum = ""
        let unsigned = canonicalBytes(snapshot)
        guard let slot = checksumValueRange(in: unsigned) else {
            preconditionFailure("SnapshotCodec: encoder output has no top-level checksum member")
        }
        let checksum = Digest.sha256Hex(unsigned)
        var sealed: [UInt8] = []
        sealed.reserveCapacity(unsigned.count + checksum.utf8.count)
        sealed += unsigned[..<slot.lowerBound]
        sealed.append(UInt8(ascii: "\""))
        sealed += checksum.utf8
        sealed.append(UInt8(ascii: "\""))
        sealed += unsigned[slot.upperBound...]
        snapshot.checksum = checksum
        return sealed
    }

    /// The checksum `encode` would give `snapshot`.
    package static func checksum(of snapshot: Snapshot) -> String {
        var unsigned = snapshot
        unsigned.checksum = ""
        return Digest.sha256Hex(canonicalBytes(unsigned))
    }

    /// The canonical encoding as is, checksum included verbatim.
    static func canonicalBytes(_ snapshot: Snapshot) -> [UInt8] {
        canonicalJSON(snapshot)
    }

    /// The canonical JSON of any model value (a snapshot, or a part of one such as a deployment,
    /// which encodes to the same bytes inside a snapshot as on its own).
    package static func canonicalJSON(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return canonicalJSON(value, encoder: encoder)
    }

    static func canonicalJSON(_ value: some Encodable, encoder: JSONEncoder) -> [UInt8] {
        do {
            return Array(try encoder.encode(value))
        } catch {
            // Only a non-finite Double can fail to encode; the admin API refuses those on input
            // and JSON cannot carry them, so reaching this is a bug of ours, not bad input.
            preconditionFailure("SnapshotCodec: \(type(of: value)) failed to encode: \(error)")
        }
    }

    // MARK: - Decoding

    /// The snapshot in `bytes`, after checking its schema version (first) and then its checksum.
    package static func decode(_ bytes: [UInt8]) throws(SnapshotCodecError) -> Snapshot {
        let scanner = TopLevelJSONScanner(bytes)
        var schemaRange: Range<Int>?
        var checksumRange: Range<Int>?
        let shaped = scanner.forEachMember { member in
            if scanner.key(member, is: "schemaVersion") {
                schemaRange = member.value
            } else if scanner.key(member, is: "checksum") {
                checksumRange = member.value
            }
            return schemaRange == nil || checksumRange == nil
        }
        guard shaped else { throw .malformed("not a JSON object") }
        guard let schemaRange, let version = Int(String(decoding: bytes[schemaRange], as: UTF8.self)) else {
            throw .malformed("missing or non-integer schemaVersion")
        }
        guard version == Snapshot.currentSchemaVersion else { throw .unsupportedSchema(version) }
        guard let checksumRange, let claimed = plainString(bytes[checksumRange]), claimed.utf8.count == 64 else {
            throw .malformed("missing or ill-formed checksum")
        }

        var hasher = SHA256Hasher()
        hasher.update(bytes[..<checksumRange.lowerBound])
        hasher.update([UInt8(ascii: "\""), UInt8(ascii: "\"")])
        hasher.update(bytes[checksumRange.upperBound...])
        guard Hex.encode(hasher.finalize()) == claimed else { throw .checksumMismatch }

        let snapshot: Snapshot
        do {
            snapshot = try JSONDecoder().decode(Snapshot.self, from: Data(bytes))
        } catch {
            throw .malformed(summary(of: error))
        }
        // Duplicate or escaped keys could make the decoder read other members than the ones hashed.
        guard snapshot.checksum == claimed, snapshot.schemaVersion == version else {
            throw .malformed("ambiguous checksum or schemaVersion member")
        }
        return snapshot
    }

    /// Range of the top-level `checksum` member's value in canonical bytes.
    private static func checksumValueRange(in bytes: [UInt8]) -> Range<Int>? {
        let scanner = TopLevelJSONScanner(bytes)
        var found: Range<Int>?
        _ = scanner.forEachMember { member in
            if scanner.key(member, is: "checksum") { found = member.value }
            return found == nil
        }
        return found
    }

    /// The contents of a JSON string token without escapes, or nil for anything else.
    private static func plainString(_ token: ArraySlice<UInt8>) -> String? {
        guard token.count >= 2, token.first == UInt8(ascii: "\""), token.last == UInt8(ascii: "\"") else { return nil }
        let inner = token.dropFirst().dropLast()
        guard !inner.contains(UInt8(ascii: "\\")) else { return nil }
        return String(decoding: inner, as: UTF8.self)
    }

    /// A one-line account of a decoding failure: where, and what.
    private static func summary(of error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        let context: DecodingError.Context
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c): context = c
        @unknown default: return "\(error)"
        }
        let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
    }
}
