import Foundation

/// A fresh directory under the system temp dir, removed by `remove()` (call it in a `defer`).
package struct TemporaryDirectory {
    package let path: String

    package init() throws {
        path = NSTemporaryDirectory() + "tollgate-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    package func file(_ name: String) -> String { path + "/" + name }

    package func remove() { try? FileManager.default.removeItem(atPath: path) }
}
