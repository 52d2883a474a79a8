/// The ARNs API Gateway authorizes against: `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}`.
///
/// The method ARN of a request names the API, the stage, the HTTP verb and the resource path
/// without its leading `/` (the root is `…/GET/`); it is what a resource policy's and a Lambda
/// authorizer's `Resource` patterns are matched against, what the TOKEN event's `methodArn`
/// carries, and what AWS's refusal messages print. `api` is the prefix the `execute-api:/…`
/// shorthand of resource policies expands to.
package enum ExecuteApiArn {
    /// `arn:{partition}:execute-api:{region}:{account}:{apiId}`.
    package static func api(partition: String = "aws", region: String, account: String, apiId: String) -> String {
        "arn:\(partition):execute-api:\(region):\(account):\(apiId)"
    }

    /// The method ARN; `path` is the request's resource path (a leading `/` is dropped).
    package static func method(partition: String = "aws", region: String, account: String, apiId: String,
                               stage: String, method: String, path: String) -> String {
        let relative = path.hasPrefix("/") ? String(path.dropFirst()) : path
        return api(partition: partition, region: region, account: account, apiId: apiId) + "/\(stage)/\(method)/\(relative)"
    }

    /// The action every API invocation asks for.
    package static let invokeAction = "execute-api:Invoke"
}
