/// What `$input` reads of a request (or, in a response template, of the integration's
/// response): the body and the method request's parameters, already decoded and with one value
/// per name (the caller picks which of repeated values counts, as AWS uses the last).
package struct VTLRequest: Sendable {
    package var body: [UInt8]
    package var path: [(name: String, value: String)]
    package var querystring: [(name: String, value: String)]
    package var header: [(name: String, value: String)]

    package init(body: [UInt8] = [], path: [(name: String, value: String)] = [],
                 querystring: [(name: String, value: String)] = [], header: [(name: String, value: String)] = []) {
        self.body = body
        self.path = path
        self.querystring = querystring
        self.header = header
    }
}
