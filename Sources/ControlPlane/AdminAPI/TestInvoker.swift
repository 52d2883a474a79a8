import Shared

/// Runs TestInvokeMethod and TestInvokeAuthorizer for the admin API: the API's current definition
/// compiled as a deployment would freeze it, one request through a node's pipeline.
///
/// The control plane does not serve API traffic, so it declares only this seam; `tollgate
/// control-plane` and `tollgate dev` pass the data plane's implementation (`DataPlane/TestInvoke`),
/// which calls the real integrations and authorizers. Without one (a `ControlPlaneService` built
/// without it) both operations answer 501.
package protocol TestInvoker: Sendable {
    /// Compiles `request.definition` and prepares the run. Called on the control plane's store
    /// queue, inside the call's transaction: it must not block on I/O (the run does that).
    func prepareTestInvoke(_ request: TestInvokeRequest) throws(TestInvokeRefusal) -> TestInvokeRun
}
