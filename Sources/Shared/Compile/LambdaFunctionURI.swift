/// The Lambda function named by an AWS_PROXY integration URI
/// `arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function}/invocations`.
package enum LambdaFunctionURI {
    /// Returns the `{function}` part (a name, a function ARN, or a qualified ARN), or nil when the URI
    /// is not a Lambda invocation URI.
    package static func functionName(in uri: String) -> String? {
        guard uri.hasPrefix("arn:"), let path = ASCIISearch.firstRange(of: ":lambda:path/", in: uri) else { return nil }
        let afterPath = uri[path.upperBound...]
        guard let functions = ASCIISearch.firstRange(of: "/functions/", in: afterPath) else { return nil }
        let afterFunctions = afterPath[functions.upperBound...]
        let suffix = "/invocations"
        guard afterFunctions.hasSuffix(suffix) else { return nil }
        let function = afterFunctions.dropLast(suffix.count)
        guard !function.isEmpty, !function.utf8.contains(UInt8(ascii: "/")), !function.utf8.contains(where: { $0 <= 0x20 }) else { return nil }
        return String(function)
    }
}
