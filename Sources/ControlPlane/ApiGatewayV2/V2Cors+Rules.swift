import Shared

/// What AWS accepts as an HTTP API's `corsConfiguration`. Pure.
extension V2Cors {
    /// The configuration when AWS would accept it, else its 400 (maxAge −1…86400; credentials
    /// cannot be allowed for every origin).
    func checked() throws(AdminError) -> V2Cors {
        if let maxAge, !(-1...86_400).contains(maxAge) {
            throw .badRequest("Invalid maxAge: \(maxAge). maxAge must be between -1 and 86400")
        }
        if allowCredentials == true, allowOrigins?.contains("*") == true {
            throw .badRequest("allowCredentials cannot be true when allowOrigins contains *")
        }
        for method in allowMethods ?? [] where !V2RouteKey.methods.contains(method.uppercased()) && method != "*" {
            throw .badRequest("Invalid allowMethods value: \(method)")
        }
        return self
    }
}
