/// A handle to a task scheduled on an event loop; `cancel` stops it if it has not run yet.
package struct ScheduledTask: Sendable {
    let loop: EventLoop
    let id: UInt64

    /// Cancels the task. Callable from any thread; a no-op once the task has run.
    package func cancel() {
        loop.cancelTimer(id: id)
    }
}
