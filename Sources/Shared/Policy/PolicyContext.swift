/// The condition keys of one request (`aws:SourceIp`, `aws:SourceVpce`, `aws:Referer`,
/// `aws:UserAgent`, `aws:PrincipalArn`, `aws:CurrentTime`, `aws:SecureTransport`, …) and their values.
///
/// Keys are matched case-insensitively, as IAM does, so they are stored lower-cased. A key holds
/// one value or several (multi-valued keys such as `aws:TagKeys`); an absent key is what
/// `…IfExists`, `Null` and the negated operators test for. Values are UTF-8 bytes because every
/// comparison (globs, CIDR, dates, numbers) reads bytes. Built once per request by its caller
/// (the clock is the caller's: `aws:CurrentTime` and `aws:EpochTime` are ordinary values here),
/// then only read; immutable and `Sendable`.
///
/// The two time keys are kept as the number `setTime` was given and written out only when a
/// condition reads them: formatting them for every request cost ~15,000 instructions on a SigV4
/// route whose policies never look at the time (bench/instructions.sh, issue 14).
package struct PolicyContext: Sendable, Equatable {
    private var storage: [String: [[UInt8]]]
    /// The seconds `aws:CurrentTime` is made from when read, unless set or removed since.
    private var currentTime: Int64?
    /// The seconds `aws:EpochTime` is made from when read, unless set or removed since.
    private var epochTime: Int64?

    private static let currentTimeKey = "aws:currenttime"
    private static let epochTimeKey = "aws:epochtime"

    /// Room for the keys a node sets for a request (address, agent, referer, transport, time,
    /// caller), so filling the context does not grow the dictionary step by step.
    package init() { storage = Dictionary(minimumCapacity: 12) }

    /// A context with `values`, keys in any case.
    package init(_ values: [String: String]) {
        storage = [:]
        for (key, value) in values { set(key, value) }
    }

    /// Sets `key` to one value (replacing any earlier values).
    package mutating func set(_ key: String, _ value: String) {
        let key = Self.normalize(key)
        forgetTime(key)
        storage[key] = [Array(value.utf8)]
    }

    /// Sets `key`, already lower-cased (`normalize`), to values already as bytes: what a caller that
    /// sets the same keys on every request prepares once.
    package mutating func set(lowercasedKey key: String, bytes values: [[UInt8]]) {
        assert(key == Self.normalize(key), "\(key) is not lower-cased")
        forgetTime(key)
        storage[key] = values
    }

    /// Sets `key` to several values (an empty list is "present but empty", which
    /// `ForAllValues:` treats like an absent key and `Null` like a present one).
    package mutating func set(_ key: String, values: [String]) {
        let key = Self.normalize(key)
        forgetTime(key)
        storage[key] = values.map { Array($0.utf8) }
    }

    /// Removes `key`.
    package mutating func remove(_ key: String) {
        let key = Self.normalize(key)
        forgetTime(key)
        storage[key] = nil
    }

    /// A time key set or removed by name no longer comes from `setTime`.
    private mutating func forgetTime(_ key: String) {
        if key == Self.currentTimeKey { currentTime = nil }
        if key == Self.epochTimeKey { epochTime = nil }
    }

    /// Sets `aws:CurrentTime` (ISO 8601, `2026-12-02T01:51:41Z`) and `aws:EpochTime` (seconds)
    /// from `epochSeconds`, the caller's clock.
    package mutating func setTime(epochSeconds: Int64) {
        storage[Self.currentTimeKey] = nil
        storage[Self.epochTimeKey] = nil
        currentTime = epochSeconds
        epochTime = epochSeconds
    }

    /// The values of `key` (any case); nil when absent.
    package func values(for key: String) -> [[UInt8]]? { values(forLowercasedKey: Self.normalize(key)) }

    /// The values of an already lower-cased key (the compiled policy stores keys that way).
    package func values(forLowercasedKey key: String) -> [[UInt8]]? {
        if let stored = storage[key] { return stored }
        if let currentTime, key == Self.currentTimeKey { return [Array(Self.isoTime(currentTime).utf8)] }
        if let epochTime, key == Self.epochTimeKey { return [Array(String(epochTime).utf8)] }
        return nil
    }

    /// `2026-12-02T01:51:41Z`.
    static func isoTime(_ epochSeconds: Int64) -> String {
        let (days, secondOfDay) = CivilDate.split(epochSeconds: epochSeconds)
        let date = CivilDate(daysSinceEpoch: days)
        return date.isoDate + "T" + CivilDate.zeroPadded(secondOfDay / 3600, width: 2) + ":"
            + CivilDate.zeroPadded(secondOfDay / 60 % 60, width: 2) + ":" + CivilDate.zeroPadded(secondOfDay % 60, width: 2) + "Z"
    }

    /// The one normalisation of key names: ASCII lower case (the key itself when it has no
    /// upper-case letter).
    package static func normalize(_ key: String) -> String {
        let utf8 = key.utf8
        guard utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else { return key }
        return String(unsafeUninitializedCapacity: utf8.count) { buffer in
            var count = 0
            for byte in utf8 {
                buffer[count] = WildcardPattern.lower(byte)
                count += 1
            }
            return count
        }
    }
}
