/// A compiled `Principal` or `NotPrincipal` value.
///
/// The forms ("IAM JSON policy elements: Principal"): `"*"` and `{"AWS": "*"}` (everyone,
/// anonymous callers included); `{"AWS": arn | account id | [ … ]}` — an IAM principal's exact
/// ARN, or an account (`arn:aws:iam::123456789012:root` or the bare twelve digits, normalised to
/// the root ARN) covering every principal of that account; and other types (`Service`,
/// `Federated`, `CanonicalUser`) kept and matched by type and exact value (`*` there means any
/// principal of that type). IAM allows no partial wildcard in a principal (`arn:aws:iam::*:user/x`),
/// so the compiler refuses one rather than guess.
package struct PrincipalMatcher: Sendable, Equatable {
    let everyone: Bool
    /// Exact IAM principal ARNs, and account root ARNs.
    let awsARNs: Set<String>
    /// Other principal types: type → values (`*` = any of that type).
    let others: [String: Set<String>]

    /// Compiles a `Principal` JSON value; nil when it is malformed.
    init?(_ value: JSONValue, limits: PolicyLimits) {
        if case .string("*") = value {
            everyone = true
            awsARNs = []
            others = [:]
            return
        }
        guard case .object(let members) = value, !members.isEmpty else { return nil }
        var everyone = false
        var awsARNs: Set<String> = []
        var others: [String: Set<String>] = [:]
        for (type, entry) in members {
            guard let names = Self.strings(entry), !names.isEmpty, names.count <= limits.maxValuesPerElement else { return nil }
            for name in names {
                guard !name.isEmpty, name.utf8.count <= limits.maxPatternBytes else { return nil }
                if type == "AWS" {
                    if name == "*" { everyone = true; continue }
                    guard !name.contains("*"), !name.contains("?") else { return nil }
                    if name.utf8.count == 12, name.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
                        awsARNs.insert("arn:aws:iam::\(name):root")
                    } else if name.hasPrefix("arn:") {
                        awsARNs.insert(name)
                    } else {
                        return nil
                    }
                } else {
                    guard name == "*" || (!name.contains("*") && !name.contains("?")) else { return nil }
                    others[type, default: []].insert(name)
                }
            }
        }
        self.everyone = everyone
        self.awsARNs = awsARNs
        self.others = others
    }

    /// Whether the request's principal is named.
    func matches(_ request: PolicyRequest) -> Bool {
        if everyone { return true }
        switch request.principal {
        case .anonymous:
            return false
        case .aws(let arn, _):
            if awsARNs.contains(arn) { return true }
            // An account principal covers every principal of the account, root included.
            return request.principalRootARN.map(awsARNs.contains) ?? false
        case .other(let type, let identifier):
            guard let names = others[type] else { return false }
            return names.contains("*") || names.contains(identifier)
        }
    }

    /// A string, or a list of strings; nil otherwise.
    static func strings(_ value: JSONValue) -> [String]? {
        switch value {
        case .string(let text): return [text]
        case .array(let items):
            var out: [String] = []
            for item in items {
                guard case .string(let text) = item else { return nil }
                out.append(text)
            }
            return out
        default: return nil
        }
    }
}
