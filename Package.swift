// swift-tools-version:6.0
// Tollgate: a self-hosted, Amazon API Gateway-compatible gateway.
// No package dependencies: only the toolchain plus libssl/libcrypto, libsqlite3 and zlib.
import PackageDescription

/// Release builds skip the runtime exclusivity checks (`swift_beginAccess`/`swift_endAccess` around
/// every access to a class property or global that the compiler cannot prove exclusive). Debug
/// builds, which the test suite runs, keep them, so a violation still traps under `swift test`.
/// Measured with bench/instructions.sh (callgrind, 5000 keep-alive requests, release): the HTTP_PROXY
/// route 104,718 -> 100,962 instructions/request (-3.6 %: swift_beginAccess, AccessSet::insert and
/// their TLS lookups), MOCK 49,676 -> 48,069 (docs/performance.md, issue 11).
let releaseSettings: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "Tollgate",
    products: [
        .executable(name: "tollgate", targets: ["tollgate"]),
    ],
    targets: [
        // MARK: - System libraries and the C shim
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "COpenSSL",
            path: "Sources/COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),
        // zlib: gzip/deflate response compression (`minimumCompressionSize`) and request decompression.
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(name: "CTollgateShim", path: "Sources/CTollgateShim"),

        // MARK: - Tollgate
        .target(name: "Shared", dependencies: ["COpenSSL", "CTollgateShim", "CZlib"], swiftSettings: releaseSettings),
        .target(name: "ControlPlane", dependencies: ["Shared", "CSQLite"], swiftSettings: releaseSettings),
        .target(name: "DataPlane", dependencies: ["Shared"], swiftSettings: releaseSettings),
        // The `tollgate echo` backend: a test and benchmark upstream, not part of either plane.
        .target(name: "Echo", dependencies: ["Shared"], swiftSettings: releaseSettings),
        // `tollgate dev --function` / `tollgate lambda-runner`: the Lambda Invoke and Runtime APIs for local commands.
        .target(name: "LambdaRunner", dependencies: ["Shared"], swiftSettings: releaseSettings),
        .executableTarget(name: "tollgate", dependencies: ["Shared", "ControlPlane", "DataPlane", "Echo", "LambdaRunner"],
                          swiftSettings: releaseSettings),

        // MARK: - Benchmarks (not linked into `tollgate`)
        // bench/snapshot.sh: the snapshot build and its parts on a large synthetic control plane.
        .executableTarget(name: "SnapshotBench", dependencies: ["ControlPlane", "Shared"], path: "bench/snapshot-benchmark"),
        // bench/limits.sh: the API-key and limits filters alone, one thread, no sockets.
        .executableTarget(name: "LimitsBench", dependencies: ["DataPlane", "Shared"], path: "bench/limits-benchmark"),
        // bench/yaml.sh: the YAML reader against PyYAML's C loader; also the interop test's converter.
        .executableTarget(name: "YAMLBench", dependencies: ["Shared"], path: "bench/yaml-benchmark"),
        // bench/jsonschema.sh: JSON Schema validation of a typical request body against a typical model, one thread.
        .executableTarget(name: "JSONSchemaBench", dependencies: ["Shared"], path: "bench/jsonschema-benchmark"),
        // bench/policy.sh: the IAM policy evaluator alone, one thread, no sockets.
        .executableTarget(name: "PolicyBench", dependencies: ["Shared"], path: "bench/policy-benchmark"),
        // bench/vtl.sh: one compiled mapping template evaluated over a 2 KiB body, one thread.
        .executableTarget(name: "VTLBench", dependencies: ["Shared"], path: "bench/vtl-benchmark"),
        // bench/openapi.sh: ImportRestApi's read, import and placement of a 1,000-operation document, no store.
        .executableTarget(name: "OpenAPIBench", dependencies: ["ControlPlane"], path: "bench/openapi-benchmark"),

        // MARK: - Tests
        // Fixtures more than one test target uses (sockets, generators, clocks, model builders).
        .target(name: "TestSupport", dependencies: ["Shared"], path: "Tests/TestSupport"),
        // JSONSchema/Suite: the vendored JSON-Schema-Test-Suite data, read from disk by the conformance test.
        .testTarget(name: "SharedTests", dependencies: ["Shared", "Echo", "TestSupport"], exclude: ["JSONSchema/Suite"]),
        .testTarget(name: "EchoTests", dependencies: ["Echo", "Shared"]),
        .testTarget(name: "LambdaRunnerTests", dependencies: ["LambdaRunner", "Shared", "TestSupport"]),
        .testTarget(name: "ControlPlaneTests", dependencies: ["ControlPlane", "Shared", "TestSupport"]),
        .testTarget(name: "DataPlaneTests", dependencies: ["DataPlane", "Shared", "Echo", "TestSupport"]),
        .testTarget(name: "SnapshotBenchTests", dependencies: ["SnapshotBench", "ControlPlane", "Shared", "TestSupport"]),
        // Real `tollgate` processes (control plane, data-plane nodes, echo) on loopback.
        .testTarget(name: "EndToEndTests", dependencies: ["DataPlane", "ControlPlane", "Shared", "tollgate", "TestSupport"]),
        // Allocations per request (issue 11): a counting malloc (CAllocationCounter) linked into the
        // AllocationProbe executable only (it interposes malloc for the whole process it is in, so no
        // test target may depend on it); AllocationTests runs the probe as a child process and
        // enforces the thresholds.
        .target(name: "CAllocationCounter", path: "Tests/CAllocationCounter"),
        .executableTarget(name: "AllocationProbe", dependencies: ["CAllocationCounter", "DataPlane", "Shared", "Echo", "TestSupport"],
                          path: "Tests/AllocationProbe"),
        .testTarget(name: "AllocationTests", path: "Tests/AllocationTests"),
    ]
)
