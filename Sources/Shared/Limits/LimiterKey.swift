/// The stable identity of one throttle bucket: the level and the ids it applies to.
///
/// Keys name configuration objects (account, API, stage, method, usage plan, API key), never a
/// snapshot revision, so a redeploy or rollback finds the same bucket with the tokens it held.
/// `resourcePath` is the resource template as configured (`/pets/{id}`), `method` the upper-case
/// HTTP method. Usage-plan method throttles also carry the API and stage because a plan's
/// `apiStages[].throttle` map is per API stage and two stages may share a path.
///
/// A key computes its 64-bit fingerprint once, at construction, and hashes as that fingerprint:
/// the engine looks a request's keys up several times (demand, share cache, bucket), and hashing
/// one integer instead of up to six strings each time is most of the limits' per-request cost
/// saved. Equality still compares the ids, so a fingerprint collision cannot merge two buckets.
/// The ids live in one shared immutable box, so copying a key (requests copy their checks) is
/// one reference count, not one per string.
package struct LimiterKey: Hashable, Sendable, CustomStringConvertible {
    /// The levels AWS throttles at, with the ids that name one bucket.
    package enum Level: Hashable, Sendable {
        /// The account-wide bucket (AWS default 10,000/s, burst 5,000).
        case account
        /// One bucket for a whole stage. The data plane does not build these: AWS applies stage
        /// throttles per method, so `LimitsIndex` keys the `*/*` default as `method` buckets.
        case stage(apiId: String, stage: String)
        /// A stage method setting, `methodSettings["{path}/{METHOD}"]` (or the stage default applied
        /// per method).
        case method(apiId: String, stage: String, resourcePath: String, method: String)
        /// A usage plan's throttle for one API key (aggregated over the plan's stages).
        case usagePlanKey(planId: String, keyId: String)
        /// A usage plan's per-method throttle for one API key.
        case usagePlanKeyMethod(planId: String, keyId: String, apiId: String, stage: String, resourcePath: String, method: String)
    }

    /// The ids and their fingerprint, shared by every copy of the key.
    private final class Storage: Sendable {
        let level: Level
        let fingerprint: UInt64

        init(_ level: Level) {
            self.level = level
            fingerprint = LimiterKey.fingerprint(of: level)
        }
    }

    private let storage: Storage

    package var level: Level { storage.level }

    /// A 64-bit FNV-1a digest of the key's canonical bytes, identical on every node and version.
    ///
    /// Demand reports carry this instead of the strings to stay small. A collision would only
    /// blend two keys' demand estimates (node shares), never admit past a bucket's limit.
    package var fingerprint: UInt64 { storage.fingerprint }

    package init(_ level: Level) {
        storage = Storage(level)
    }

    package static let account = LimiterKey(.account)

    package static func stage(apiId: String, stage: String) -> LimiterKey {
        LimiterKey(.stage(apiId: apiId, stage: stage))
    }

    package static func method(apiId: String, stage: String, resourcePath: String, method: String) -> LimiterKey {
        LimiterKey(.method(apiId: apiId, stage: stage, resourcePath: resourcePath, method: method))
    }

    package static func usagePlanKey(planId: String, keyId: String) -> LimiterKey {
        LimiterKey(.usagePlanKey(planId: planId, keyId: keyId))
    }

    package static func usagePlanKeyMethod(planId: String, keyId: String, apiId: String, stage: String, resourcePath: String,
                                           method: String) -> LimiterKey {
        LimiterKey(.usagePlanKeyMethod(planId: planId, keyId: keyId, apiId: apiId, stage: stage, resourcePath: resourcePath,
                                       method: method))
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(fingerprint)
    }

    package static func == (lhs: LimiterKey, rhs: LimiterKey) -> Bool {
        lhs.storage === rhs.storage || (lhs.fingerprint == rhs.fingerprint && lhs.level == rhs.level)
    }

    fileprivate static func fingerprint(of level: Level) -> UInt64 {
        var hash = FNV1a64()
        switch level {
        case .account:
            hash.add(byte: 1)
        case let .stage(apiId, stage):
            hash.add(byte: 2)
            hash.add(field: apiId)
            hash.add(field: stage)
        case let .method(apiId, stage, resourcePath, method):
            hash.add(byte: 3)
            hash.add(field: apiId)
            hash.add(field: stage)
            hash.add(field: resourcePath)
            hash.add(field: method)
        case let .usagePlanKey(planId, keyId):
            hash.add(byte: 4)
            hash.add(field: planId)
            hash.add(field: keyId)
        case let .usagePlanKeyMethod(planId, keyId, apiId, stage, resourcePath, method):
            hash.add(byte: 5)
            hash.add(field: planId)
            hash.add(field: keyId)
            hash.add(field: apiId)
            hash.add(field: stage)
            hash.add(field: resourcePath)
            hash.add(field: method)
        }
        return hash.value
    }

    package var description: String {
        switch level {
        case .account: return "account"
        case let .stage(apiId, stage): return "stage \(apiId)/\(stage)"
        case let .method(apiId, stage, path, method): return "method \(apiId)/\(stage) \(method) \(path)"
        case let .usagePlanKey(planId, keyId): return "plan \(planId) key \(keyId)"
        case let .usagePlanKeyMethod(planId, keyId, apiId, stage, path, method):
            return "plan \(planId) key \(keyId) \(apiId)/\(stage) \(method) \(path)"
        }
    }
}
