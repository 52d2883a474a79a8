import Shared

/// Where each user pool named by a `COGNITO_USER_POOLS` authorizer (`providerARNs`) issues its
/// tokens and publishes its keys (docs/authorization.md, "Cognito user pools and JWT").
///
/// A pool ARN `arn:aws:cognito-idp:{region}:{account}:userpool/{poolId}` is, by default, Amazon
/// Cognito's: issuer `https://cognito-idp.{region}.amazonaws.com/{poolId}`, keys at
/// `{issuer}/.well-known/jwks.json`. The node's override file (`--user-pools FILE`) maps an ARN to
/// any issuer and JWKS URL instead, which is how a self-hosted identity provider (Keycloak, Dex,
/// Auth0…) stands in for a pool: `{"ARN": {"issuer": "…", "jwksUri": "http://…", "tokenUse": false}}`
/// (`tokenUse: false` skips the `token_use` claim, which only Cognito sets). Immutable.
package struct UserPoolDirectory: Sendable, Equatable {
    /// One pool's issuer and keys.
    package struct Pool: Sendable, Equatable {
        package let issuer: String
        package let jwksURL: String
        /// Whether tokens must carry Cognito's `token_use` claim.
        package let checksTokenUse: Bool

        package init(issuer: String, jwksURL: String, checksTokenUse: Bool = true) {
            self.issuer = issuer
            self.jwksURL = jwksURL
            self.checksTokenUse = checksTokenUse
        }
    }

    package let overrides: [String: Pool]

    package init(overrides: [String: Pool] = [:]) {
        self.overrides = overrides
    }

    /// The pool of `arn`: its override, else Amazon Cognito's; nil for an ARN that names no user pool.
    package func pool(for arn: String) -> Pool? {
        if let pool = overrides[arn] { return pool }
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "cognito-idp", !parts[3].isEmpty, parts[5].hasPrefix("userpool/") else { return nil }
        let poolId = parts[5].dropFirst("userpool/".count)
        guard !poolId.isEmpty, !poolId.contains("/") else { return nil }
        let issuer = "https://cognito-idp.\(parts[3]).amazonaws.com/\(poolId)"
        return Pool(issuer: issuer, jwksURL: issuer + "/.well-known/jwks.json")
    }

    /// Why an override file is refused.
    package struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        package let description: String
    }

    /// Parses the override file: an object from pool ARN to `{"issuer", "jwksUri"[, "tokenUse"]}`;
    /// `jwksUri` must be an absolute http(s) URL.
    package static func parse(_ bytes: [UInt8]) throws(ParseError) -> UserPoolDirectory {
        guard let document = try? JSONParser.parse(bytes), case .object(let members) = document else {
            throw ParseError(description: "the user-pool file must be a JSON object from pool ARN to {\"issuer\", \"jwksUri\"}")
        }
        var overrides: [String: Pool] = [:]
        for (arn, entry) in members {
            guard case .string(let issuer)? = entry["issuer"], !issuer.isEmpty else {
                throw ParseError(description: "user pool \(arn): \"issuer\" must be a non-empty string")
            }
            guard case .string(let jwks)? = entry["jwksUri"], HTTPEndpointParsing.parse(jwks) != nil else {
                throw ParseError(description: "user pool \(arn): \"jwksUri\" must be an http:// or https:// URL")
            }
            var checksTokenUse = true
            switch entry["tokenUse"] {
            case nil: break
            case .bool(let flag)?: checksTokenUse = flag
            default: throw ParseError(description: "user pool \(arn): \"tokenUse\" must be true or false")
            }
            overrides[arn] = Pool(issuer: issuer, jwksURL: jwks, checksTokenUse: checksTokenUse)
        }
        return UserPoolDirectory(overrides: overrides)
    }
}
