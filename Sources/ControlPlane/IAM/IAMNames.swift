import Shared

/// Checks of IAM names, paths and tags as IAM validates them, and new unique ids and keys.
enum IAMNames {
    /// `[\w+=,.@-]+`, IAM's user and policy name pattern.
    static func checkName(_ name: String, member: String, maxLength: Int) throws(IAMError) -> String {
        let allowed = name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "_+=,.@-".unicodeScalars.contains(scalar))
        }
        guard allowed, (1...maxLength).contains(name.count) else {
            throw .validation("1 validation error detected: Value '\(name)' at '\(member)' failed to satisfy constraint: "
                              + "Member must satisfy regular expression pattern: [\\w+=,.@-]+")
        }
        return name
    }

    /// `/` (the default) or `/a/b/`: starts and ends with `/`, at most 512 characters.
    static func checkPath(_ path: String?) throws(IAMError) -> String {
        guard let path, !path.isEmpty else { return "/" }
        guard path.hasPrefix("/"), path.hasSuffix("/"), path.count <= 512,
              path.unicodeScalars.allSatisfy({ $0.value >= 0x21 && $0.value <= 0x7E }) else {
            throw .validation("The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.")
        }
        return path
    }

    /// `Tags.member.N.Key/Value`, at most 50.
    static func tags(_ request: IAMQueryRequest) throws(IAMError) -> [IAMTag] {
        let items = request.list("Tags", fields: ["Key", "Value"])
        guard items.count <= 50 else { throw .limitExceeded("The number of tags has reached the maximum limit.") }
        var tags: [IAMTag] = []
        for item in items {
            guard let key = item["Key"], !key.isEmpty else { throw .missing("tags.member.key") }
            tags.append(IAMTag(key: key, value: item["Value"] ?? ""))
        }
        return tags
    }

    private static let upperAlphanumerics = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    /// `prefix` + 17 characters: IAM's unique ids (`AIDA…` users, `ANPA…` policies).
    static func uniqueId(prefix: String) -> String {
        prefix + SecureRandom.string(length: 17, alphabet: upperAlphanumerics)
    }

    /// A new access key id: `AKIA` + 16 characters, 20 in all, as AWS's long-term keys.
    static func accessKeyId() -> String {
        "AKIA" + SecureRandom.string(length: 16, alphabet: upperAlphanumerics)
    }

    /// A new secret access key: 40 characters of base64's alphabet (about 238 bits).
    static func secretAccessKey() -> String {
        SecureRandom.string(length: 40, alphabet: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8))
    }
}
