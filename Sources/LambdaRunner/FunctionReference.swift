/// What the `{function}` segment of an Invoke path names, resolved as Lambda does.
///
/// Accepted forms (after percent-decoding): `NAME`, `NAME:QUALIFIER`,
/// `ACCOUNT:function:NAME[:QUALIFIER]` (a partial ARN) and
/// `arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]`. The runner serves `$LATEST` only:
/// a function it does not run, another region or account, or any other qualifier (a version
/// number or alias) is not found, named by the full ARN Lambda would print. Pure.
package struct FunctionReference: Sendable, Equatable {
    package var name: String
    package var qualifier: String?
    /// Region and account when the reference is an ARN (nil: the runner's own).
    package var region: String?
    package var account: String?

    package enum Failure: Error, Equatable {
        /// Not a function name or ARN at all: 400 `ValidationException`.
        case malformed(String)
    }

    package init(name: String, qualifier: String? = nil, region: String? = nil, account: String? = nil) {
        self.name = name
        self.qualifier = qualifier
        self.region = region
        self.account = account
    }

    /// Splits a decoded path segment into its parts; only the syntax is checked here.
    package static func parse(_ text: String) throws(Failure) -> FunctionReference {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let reference: FunctionReference
        switch parts.count {
        case 1:
            reference = FunctionReference(name: parts[0])
        case 2:
            reference = FunctionReference(name: parts[0], qualifier: parts[1])
        case 3 where parts[1] == "function", 4 where parts[1] == "function":
            reference = FunctionReference(name: parts[2], qualifier: parts.count == 4 ? parts[3] : nil, account: parts[0])
        case 7 where parts[0] == "arn" && parts[2] == "lambda" && parts[5] == "function",
             8 where parts[0] == "arn" && parts[2] == "lambda" && parts[5] == "function":
            guard parts[1].hasPrefix("aws") else { throw .malformed(text) }
            reference = FunctionReference(name: parts[6], qualifier: parts.count == 8 ? parts[7] : nil,
                                          region: parts[3], account: parts[4])
        default:
            throw .malformed(text)
        }
        guard FunctionSpec.isValidName(reference.name), reference.qualifier.map(isValidQualifier) ?? true,
              reference.account.map({ $0.count == 12 && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }) ?? true,
              reference.region.map({ !$0.isEmpty }) ?? true else {
            throw .malformed(text)
        }
        return reference
    }

    /// Lambda's qualifier rule: `$LATEST`, a version number, or an alias (1–128 of `A-Za-z0-9-_`).
    static func isValidQualifier(_ text: String) -> Bool {
        text == "$LATEST" || (!text.isEmpty && text.utf8.count <= 128 && text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F
        })
    }

    /// The full ARN Lambda prints for this reference in `region`/`account` (with its qualifier).
    package func arn(region defaultRegion: String, account defaultAccount: String) -> String {
        let base = "arn:aws:lambda:\(region ?? defaultRegion):\(account ?? defaultAccount):function:\(name)"
        return qualifier.map { "\(base):\($0)" } ?? base
    }

    /// Whether this reference names the runner's function `function` in `region`/`account` at
    /// `$LATEST` (no qualifier, or `$LATEST`).
    package func names(_ function: String, region defaultRegion: String, account defaultAccount: String) -> Bool {
        name == function && (region ?? defaultRegion) == defaultRegion && (account ?? defaultAccount) == defaultAccount
            && (qualifier == nil || qualifier == "$LATEST")
    }
}
