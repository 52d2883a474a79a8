/// AWS's limits on resource tags (Tagging AWS resources, "Tag naming limits"): at most 50 tags, keys
/// of 1–128 and values of 0–256 UTF-16 code units, and no key starting with the reserved `aws:`.
enum TagRules {
    static let maximumCount = 50

    /// `tags` when they are within the limits, else AWS's 400.
    static func checked(_ tags: [String: String]) throws(AdminError) -> [String: String]? {
        guard tags.count <= maximumCount else { throw .badRequest("Too many tags: a resource can have at most \(maximumCount) tags") }
        for (key, value) in tags {
            guard (1...128).contains(key.utf16.count) else { throw .badRequest("Invalid tag key: tag keys must be 1 to 128 characters long") }
            guard value.utf16.count <= 256 else { throw .badRequest("Invalid tag value for key \(key): tag values must be at most 256 characters long") }
            guard !key.lowercased().hasPrefix("aws:") else { throw .badRequest("Invalid tag key: the aws: prefix is reserved for AWS use") }
        }
        return tags.isEmpty ? nil : tags
    }
}
