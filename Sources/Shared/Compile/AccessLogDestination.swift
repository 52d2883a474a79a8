/// Where a stage's access log lines go: `accessLogSettings.destinationArn`, parsed once per
/// snapshot and given a local meaning, since a node has no CloudWatch Logs or Firehose
/// (docs/operations.md, "Access logs").
///
/// - A CloudWatch Logs group, `arn:{partition}:logs:{region}:{account}:log-group:{name}` (a
///   trailing `:*`, as the CloudWatch console copies it, is accepted): `{name}.log` under the
///   node's `--access-log-dir`, each `/` of the name a directory (`/aws/apigw/shop` →
///   `aws/apigw/shop.log`).
/// - A Firehose stream, `arn:{partition}:firehose:{region}:{account}:deliverystream/amazon-apigateway-{name}`
///   (AWS requires that prefix): `firehose/{stream}.log` there.
///
/// Path safety: log-group names may hold only `A-Z a-z 0-9 . _ - / #` (CloudWatch's set), and a
/// name with an empty, `.` or `..` segment (after the leading `/`) is refused, so no name climbs
/// out of the directory. Region and account are not compared with the node's.
package enum AccessLogDestination: Sendable, Hashable {
    case logGroup(name: String)
    case firehose(stream: String)

    /// Why an ARN is refused (the admin API's 400 message).
    package struct Failure: Error, Sendable, Equatable {
        package let message: String
    }

    /// Parses `arn`; throws with the reason when it names no log group or stream Tollgate can write.
    package static func parse(_ arn: String) throws(Failure) -> AccessLogDestination {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", ["aws", "aws-cn", "aws-us-gov"].contains(parts[1]) else {
            throw Failure(message: "Invalid ARN specified in the request: \(arn)")
        }
        let resource = parts[5]
        switch parts[2] {
        case "logs":
            guard resource.hasPrefix("log-group:") else { throw Failure(message: "Invalid CloudWatch Logs log group ARN: \(arn)") }
            var name = resource.dropFirst("log-group:".count)
            if name.hasSuffix(":*") { name = name.dropLast(2) }
            guard isSafeLogGroup(name) else {
                throw Failure(message: "Invalid log group name in \(arn): 1-512 characters of A-Z a-z 0-9 . _ - / #, no empty, . or .. segment")
            }
            return .logGroup(name: String(name))
        case "firehose":
            let prefix = "deliverystream/amazon-apigateway-"
            guard resource.hasPrefix(prefix) else {
                throw Failure(message: "Invalid Firehose stream ARN: \(arn); the stream name must start with amazon-apigateway-")
            }
            let stream = resource.dropFirst("deliverystream/".count)
            guard stream.utf8.count <= 64, stream.count > "amazon-apigateway-".count,
                  stream.utf8.allSatisfy({ isNameByte($0) && $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "#") }) else {
                throw Failure(message: "Invalid Firehose stream name in \(arn)")
            }
            return .firehose(stream: String(stream))
        default:
            throw Failure(message: "Invalid ARN specified in the request: \(arn); access logs go to a CloudWatch Logs group or a Firehose stream")
        }
    }

    /// The file under the node's access-log directory, relative, without a leading `/`.
    package var relativePath: String {
        switch self {
        case .logGroup(let name): return (name.hasPrefix("/") ? String(name.dropFirst()) : name) + ".log"
        case .firehose(let stream): return "firehose/\(stream).log"
        }
    }

    /// The name an operator knows it by (the log group or stream), for stdout lines.
    package var displayName: String {
        switch self {
        case .logGroup(let name): return name
        case .firehose(let stream): return stream
        }
    }

    private static func isSafeLogGroup(_ name: Substring) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 512, name.utf8.allSatisfy(isNameByte) else { return false }
        let body = name.hasPrefix("/") ? name.dropFirst() : name
        return body.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { $0 != "" && $0 != "." && $0 != ".." }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "#"):
            return true
        default:
            return false
        }
    }
}
