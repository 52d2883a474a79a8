/// Carries a loop-confined reference across threads; it can only be opened on its loop.
///
/// Connection objects are not `Sendable`: they belong to one event loop. A `LoopBound` lets a
/// `Sendable` value (a responder, a scheduled closure) hold one, and traps if code on any other
/// thread tries to use it. Hop first with `loop.execute`.
package struct LoopBound<Value: AnyObject>: @unchecked Sendable {
    package let loop: EventLoop
    private let reference: Value

    /// Wraps `value`, which must belong to `loop`. Callable only on `loop`.
    package init(_ value: Value, loop: EventLoop) {
        precondition(loop.inEventLoop, "LoopBound created off its loop")
        self.loop = loop
        reference = value
    }

    /// The wrapped reference. Loop thread only.
    package var value: Value {
        precondition(loop.inEventLoop, "LoopBound opened off its loop")
        return reference
    }
}
