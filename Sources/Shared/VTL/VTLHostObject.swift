/// An object the caller puts into a template's context (`$input`, `$util`, `$context`): the
/// template reads its properties and calls its methods as Velocity would on a Java bean.
///
/// Called on the evaluating thread only, synchronously. A property or method the object does not
/// have returns nil, which the template sees as Java `null` (a non-quiet reference to it renders
/// its own source text, as Velocity does); `VTLHostError` is a Java exception: it stops the
/// evaluation with a runtime error at the call's position.
package protocol VTLHostObject: AnyObject {
    /// `$object.name`: Velocity's `getName()`/`isName()`/`get("name")` lookup, done by the object.
    func property(_ name: String) -> VTLValue?

    /// `$object.name(arguments)`.
    func call(_ method: String, _ arguments: [VTLValue]) throws(VTLHostError) -> VTLValue?

    /// `#set($object.name = value)`: Velocity's `setName(value)`/`put("name", value)`; false when
    /// the object has no such settable property (the `#set` then does nothing, as in Velocity).
    func setProperty(_ name: String, _ value: VTLValue) -> Bool

    /// The object's `toString()`, what `$object` renders.
    var rendered: String { get }

    /// The elements `#foreach` walks, nil when the object is not iterable.
    var elements: [VTLValue]? { get }
}

extension VTLHostObject {
    package func setProperty(_ name: String, _ value: VTLValue) -> Bool { false }
    package var elements: [VTLValue]? { nil }
    package func call(_ method: String, _ arguments: [VTLValue]) throws(VTLHostError) -> VTLValue? { nil }
}

/// A Java exception thrown by a host object's method (a malformed `$util.parseJson` argument, an
/// invalid JSONPath): the message is what the log records.
package struct VTLHostError: Error, Equatable, Sendable {
    package let message: String

    package init(_ message: String) { self.message = message }
}
