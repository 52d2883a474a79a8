import Shared

/// The AWS keys a node signs its calls to AWS with (Lambda Invoke, AWS service integrations,
/// Lambda authorizers): one key pair per IAM role ARN the definitions name in `credentials` /
/// `authorizerCredentials`, and a default pair for calls that name no role.
///
/// Built once at start-up from `--aws-credentials FILE` and the `AWS_ACCESS_KEY_ID` /
/// `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN` variables (the file's `default` entry wins over
/// the variables). Immutable and `Sendable`. Holds secrets: nothing here prints one (errors name
/// roles and fields, never values).
///
/// With nothing configured at all, every call goes unsigned (`Lookup.unsigned`): what tests, local
/// Lambda runners and `tollgate dev` need. As soon as any key is configured, a call naming a role
/// without keys, or naming no role on a node without a default, fails closed (`Lookup.unmapped`):
/// never unsigned, never with another role's keys.
package struct AWSCredentialStore: Sendable, Equatable {
    package let defaultCredentials: SigV4Credentials?
    /// Keys by role ARN, exactly as the definition writes it.
    package let roles: [String: SigV4Credentials]

    package init(defaultCredentials: SigV4Credentials? = nil, roles: [String: SigV4Credentials] = [:]) {
        self.defaultCredentials = defaultCredentials
        self.roles = roles
    }

    /// No keys at all: every call unsigned.
    package static let none = AWSCredentialStore()

    /// True when no key is configured.
    package var isEmpty: Bool { defaultCredentials == nil && roles.isEmpty }

    /// What a call naming `role` (nil or empty: none) is signed with.
    package enum Lookup: Sendable, Equatable {
        /// No keys are configured on this node: send unsigned.
        case unsigned
        case signed(SigV4Credentials)
        /// Keys are configured, but none for this role (nil: a call naming no role, on a node without a default).
        case unmapped(role: String?)
    }

    package func lookup(role: String?) -> Lookup {
        if isEmpty { return .unsigned }
        guard let role, !role.isEmpty else {
            return defaultCredentials.map { .signed($0) } ?? .unmapped(role: nil)
        }
        return roles[role].map { .signed($0) } ?? .unmapped(role: role)
    }

    /// Why a credentials file is refused.
    package struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        package let description: String
    }

    /// Parses `--aws-credentials`: a JSON object from role ARN (or `default`) to
    /// `{"accessKeyId", "secretAccessKey"[, "sessionToken"]}`; any other field is refused, as is a
    /// key that is not an IAM role ARN (`arn:PARTITION:iam::ACCOUNT:role/NAME`) or `default`.
    /// `environment` supplies the default when the file has none.
    package static func parse(_ bytes: [UInt8], environment: [String: String] = [:]) throws(ParseError) -> AWSCredentialStore {
        guard let document = try? JSONParser.parse(bytes), case .object(let members) = document else {
            throw ParseError(description: "the AWS credentials file must be a JSON object from role ARN (or \"default\") to {\"accessKeyId\", \"secretAccessKey\"[, \"sessionToken\"]}")
        }
        var roles: [String: SigV4Credentials] = [:]
        var fallback: SigV4Credentials?
        for (key, entry) in members {
            guard key == "default" || isRoleARN(key) else {
                throw ParseError(description: "AWS credentials file: \"\(key)\" is neither an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME) nor \"default\"")
            }
            guard roles[key] == nil, !(key == "default" && fallback != nil) else {
                throw ParseError(description: "AWS credentials file: \"\(key)\" is given twice")
            }
            let credentials = try keyPair(entry, name: key)
            if key == "default" { fallback = credentials } else { roles[key] = credentials }
        }
        return AWSCredentialStore(defaultCredentials: fallback ?? fromEnvironment(environment), roles: roles)
    }

    /// The `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` (/ `AWS_SESSION_TOKEN`) pair of `environment`,
    /// nil unless both keys are set and non-empty.
    package static func fromEnvironment(_ environment: [String: String]) -> SigV4Credentials? {
        guard let id = environment["AWS_ACCESS_KEY_ID"], !id.isEmpty,
              let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty else { return nil }
        let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        return SigV4Credentials(accessKeyId: id, secretAccessKey: secret, sessionToken: token)
    }

    private static func keyPair(_ entry: JSONValue, name: String) throws(ParseError) -> SigV4Credentials {
        guard case .object(let fields) = entry else {
            throw ParseError(description: "AWS credentials file: \"\(name)\" must be an object with accessKeyId and secretAccessKey")
        }
        let allowed: Set<String> = ["accessKeyId", "secretAccessKey", "sessionToken"]
        if let unknown = fields.first(where: { !allowed.contains($0.key) }) {
            throw ParseError(description: "AWS credentials file: \"\(name)\" has an unknown field \"\(unknown.key)\"")
        }
        guard case .string(let id)? = entry["accessKeyId"], !id.isEmpty, !id.utf8.contains(where: { $0 <= 0x20 || $0 >= 0x7F || $0 == UInt8(ascii: "/") }) else {
            throw ParseError(description: "AWS credentials file: \"\(name)\".accessKeyId must be a non-empty string without spaces or '/'")
        }
        guard case .string(let secret)? = entry["secretAccessKey"], !secret.isEmpty else {
            throw ParseError(description: "AWS credentials file: \"\(name)\".secretAccessKey must be a non-empty string")
        }
        var token: String?
        switch entry["sessionToken"] {
        case nil, .null?: break
        case .string(let text)? where !text.isEmpty && !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }): token = text
        default: throw ParseError(description: "AWS credentials file: \"\(name)\".sessionToken must be a non-empty string")
        }
        return SigV4Credentials(accessKeyId: id, secretAccessKey: secret, sessionToken: token)
    }

    /// `arn:PARTITION:iam::ACCOUNT:role/NAME`.
    static func isRoleARN(_ text: String) -> Bool {
        let fields = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        return fields.count == 6 && fields[0] == "arn" && fields[1].hasPrefix("aws") && fields[2] == "iam" && fields[3].isEmpty
            && !fields[4].isEmpty && fields[5].hasPrefix("role/") && fields[5].count > "role/".count
    }
}
