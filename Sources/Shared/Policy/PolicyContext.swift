/// The condition keys of one request (`aws:SourceIp`, `aws:SourceVpce`, `aws:Referer`,
/// `aws:UserAgent`, `aws:PrincipalArn`, `aws:CurrentTime`, `aws:SecureTransport`, …) and their values.
///
/// Keys are matched case-insensitively, as IAM does, so they are stored lower-cased. A key holds
/// one value or several (multi-valued keys such as `aws:TagKeys`); an absent key is what
/// `…IfExists`, `Null` and the negated operators test for. Values are UTF-8 bytes because every
/// comparison (globs, CIDR, dates, numbers) reads bytes. Built once per request by its caller
/// (the clock is the caller's: `aws:CurrentTime` and `aws:EpochTime` are ordinary values here),
/// then only read; immutable and `Sendable`.
package struct PolicyContext: Sendable, Equatable {
    private var storage: [String: [[UInt8]]]

    package init() { storage = [:] }

    /// A context with `values`, keys in any case.
    package init(_ values: [String: String]) {
        storage = [:]
        for (key, value) in values { set(key, value) }
    }

    /// Sets `key` to one value (replacing any earlier values).
    package mutating func set(_ key: String, _ value: String) {
        storage[Self.normalize(key)] = [Array(value.utf8)]
    }

    /// Sets `key` to several values (an empty list is "present but empty", which
    /// `ForAllValues:` treats like an absent key and `Null` like a present one).
    package mutating func set(_ key: String, values: [String]) {
        storage[Self.normalize(key)] = values.map { Array($0.utf8) }
    }

    /// Removes `key`.
    package mutating func remove(_ key: String) { storage[Self.normalize(key)] = nil }

    /// Sets `aws:CurrentTime` (ISO 8601, `2026-12-02T01:51:41Z`) and `aws:EpochTime` (seconds)
    /// from `epochSeconds`, the caller's clock.
    package mutating func setTime(epochSeconds: Int64) {
        let (days, secondOfDay) = CivilDate.split(epochSeconds: epochSeconds)
        let date = CivilDate(daysSinceEpoch: days)
        let text = date.isoDate + "T" + CivilDate.zeroPadded(secondOfDay / 3600, width: 2) + ":"
            + CivilDate.zeroPadded(secondOfDay / 60 % 60, width: 2) + ":" + CivilDate.zeroPadded(secondOfDay % 60, width: 2) + "Z"
        set("aws:CurrentTime", text)
        set("aws:EpochTime", String(epochSeconds))
    }

    /// The values of `key` (any case); nil when absent.
    package func values(for key: String) -> [[UInt8]]? { storage[Self.normalize(key)] }

    /// The values of an already lower-cased key (the compiled policy stores keys that way).
    package func values(forLowercasedKey key: String) -> [[UInt8]]? { storage[key] }

    /// The one normalisation of key names: ASCII lower case.
    package static func normalize(_ key: String) -> String {
        String(decoding: key.utf8.map(WildcardPattern.lower), as: UTF8.self)
    }
}
