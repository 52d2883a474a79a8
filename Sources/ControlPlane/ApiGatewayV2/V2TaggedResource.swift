/// An `apigatewayv2` resource named by its ARN for TagResource, UntagResource and GetTags:
/// `arn:{partition}:apigateway:{region}::/apis/{apiId}` or `…/apis/{apiId}/stages/{stageName}`. Pure.
///
/// Other v2 taggable resources (domain names, VPC links) are not built here and are refused. As
/// v1's tags, the region and account of the ARN are not compared with this control plane's.
enum V2TaggedResource: Equatable {
    case api(String)
    case stage(apiId: String, name: String)

    init(arn: String) throws(AdminError) {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", !parts[1].isEmpty, parts[2] == "apigateway", !parts[3].isEmpty else {
            throw .badRequest("Invalid resource ARN specified: \(arn)")
        }
        let path = parts[5].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        switch path.count {
        case 3 where path[0].isEmpty && path[1] == "apis" && !path[2].isEmpty:
            self = .api(path[2])
        case 5 where path[0].isEmpty && path[1] == "apis" && !path[2].isEmpty && path[3] == "stages" && !path[4].isEmpty:
            self = .stage(apiId: path[2], name: path[4])
        default:
            throw .badRequest("Invalid resource ARN specified: \(arn). Tollgate tags apigatewayv2 APIs and stages")
        }
    }
}
