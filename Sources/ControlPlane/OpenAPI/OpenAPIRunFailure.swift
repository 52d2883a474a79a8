/// Why `OpenAPIImportRun.run` failed: the message ImportRestApi would answer.
package struct OpenAPIRunFailure: Error {
    package let message: String
}
