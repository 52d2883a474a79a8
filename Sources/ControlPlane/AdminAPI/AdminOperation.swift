/// One operation of Amazon API Gateway's admin API as botocore models it: its name, HTTP method,
/// request-URI template (`/restapis/{restapi_id}/stages`, optionally with a literal query such as
/// `?mode=import`) and the status it answers on success. `AdminOperation.all` is generated from the
/// model by `scripts/generate-admin-operations.py`.
package struct AdminOperation: Sendable, Equatable {
    package let name: String
    package let method: String
    package let uri: String
    package let successCode: Int

    package init(name: String, method: String, uri: String, successCode: Int) {
        self.name = name
        self.method = method
        self.uri = uri
        self.successCode = successCode
    }

    /// Whether the operation can change state (everything but GET); mutating calls are audited.
    package var isMutating: Bool { method != "GET" }
}
