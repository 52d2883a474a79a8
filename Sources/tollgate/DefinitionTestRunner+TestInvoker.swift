import ControlPlane
import DataPlane

/// The data plane's test runner is the control plane's `TestInvoker`: declared here, where both
/// planes are linked, so neither imports the other.
extension DefinitionTestRunner: TestInvoker {}
