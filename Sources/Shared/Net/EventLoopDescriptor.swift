/// Something registered with an event loop for readiness of one file descriptor.
///
/// Called on the loop thread only. `descriptorReady` receives the epoll flags (`Epoll.Flags`);
/// `loopStopping` is called once if the loop stops while the descriptor is still registered, and
/// must release it (close, fail pending work).
protocol EventLoopDescriptor: AnyObject {
    func descriptorReady(_ flags: UInt32)
    func loopStopping()
}
