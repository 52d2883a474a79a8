/// Moves a non-Sendable test object to another thread that owns it from then on.
package struct UncheckedBox<T>: @unchecked Sendable {
    package let value: T
    package init(_ value: T) { self.value = value }
}
