import Shared

/// The fixed part of a route's method ARN, `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/`,
/// as UTF-8 bytes built once per route and snapshot (`PolicyAuthorizationFilterFactory`), so a
/// request appends only its method and path: `ExecuteApiArn.method` interpolated eight pieces per
/// request (~6,700 instructions a SigV4 request, then converted to bytes again; docs/performance.md).
struct MethodArnPrefix: Sendable {
    let restApiId: String
    let stageName: String
    let bytes: [UInt8]

    init(region: String, account: String, restApiId: String, stageName: String) {
        self.restApiId = restApiId
        self.stageName = stageName
        bytes = Array((ExecuteApiArn.api(region: region, account: account, apiId: restApiId) + "/\(stageName)/").utf8)
    }

    /// The bytes of `ExecuteApiArn.method(region:account:apiId:stage:method:path:)` for a request
    /// of this prefix's stage. A stage that is not the prefix's (none is expected) builds the whole ARN.
    func methodArn(region: String, account: String, stage: CompiledStage, method: String, path: String) -> [UInt8] {
        guard stage.restApiId == restApiId, stage.stageName == stageName else {
            return Array(ExecuteApiArn.method(region: region, account: account, apiId: stage.restApiId, stage: stage.stageName,
                                              method: method, path: path).utf8)
        }
        var arn = bytes
        let relative = path.utf8.first == UInt8(ascii: "/") ? path.utf8.dropFirst() : path.utf8[...]
        arn.reserveCapacity(bytes.count + method.utf8.count + 1 + relative.count)
        arn.append(contentsOf: method.utf8)
        arn.append(UInt8(ascii: "/"))
        arn.append(contentsOf: relative)
        return arn
    }
}
