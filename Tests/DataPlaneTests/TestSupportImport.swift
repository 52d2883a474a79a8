/// The fixtures shared by the test targets (`Tests/TestSupport`), visible in every file of this
/// target as they were when each target kept its own copy.
@_exported import TestSupport
