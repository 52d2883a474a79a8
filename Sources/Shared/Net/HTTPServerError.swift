/// Why `HTTPServer.start()` failed, besides socket errors.
package enum HTTPServerError: Error, Equatable, Sendable {
    case alreadyStarted
    case cannotResolve(String)
}
