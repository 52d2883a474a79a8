// swift-tools-version:6.0
// Tollgate: a self-hosted, Amazon API Gateway-compatible gateway.
// No package dependencies: only the toolchain plus libssl/libcrypto and libsqlite3.
import PackageDescription

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
        .target(name: "CTollgateShim", path: "Sources/CTollgateShim"),

        // MARK: - Tollgate
        .target(name: "Shared", dependencies: ["COpenSSL", "CTollgateShim"]),
        .target(name: "ControlPlane", dependencies: ["Shared", "CSQLite"]),
        .target(name: "DataPlane", dependencies: ["Shared"]),
        // The `tollgate echo` backend: a test and benchmark upstream, not part of either plane.
        .target(name: "Echo", dependencies: ["Shared"]),
        .executableTarget(name: "tollgate", dependencies: ["Shared", "ControlPlane", "DataPlane", "Echo"]),

        // MARK: - Benchmarks (not linked into `tollgate`)
        // bench/snapshot.sh: the snapshot build and its parts on a large synthetic control plane.
        .executableTarget(name: "SnapshotBench", dependencies: ["ControlPlane", "Shared"], path: "bench/snapshot-benchmark"),
        // bench/limits.sh: the API-key and limits filters alone, one thread, no sockets.
        .executableTarget(name: "LimitsBench", dependencies: ["DataPlane", "Shared"], path: "bench/limits-benchmark"),
        // bench/vtl.sh: one compiled mapping template evaluated over a 2 KiB body, one thread.
        .executableTarget(name: "VTLBench", dependencies: ["Shared"], path: "bench/vtl-benchmark"),

        // MARK: - Tests
        // Fixtures more than one test target uses (sockets, generators, clocks, model builders).
        .target(name: "TestSupport", dependencies: ["Shared"], path: "Tests/TestSupport"),
        .testTarget(name: "SharedTests", dependencies: ["Shared", "Echo", "TestSupport"]),
        .testTarget(name: "EchoTests", dependencies: ["Echo", "Shared"]),
        .testTarget(name: "ControlPlaneTests", dependencies: ["ControlPlane", "Shared", "TestSupport"]),
        .testTarget(name: "DataPlaneTests", dependencies: ["DataPlane", "Shared", "Echo", "TestSupport"]),
        .testTarget(name: "SnapshotBenchTests", dependencies: ["SnapshotBench", "ControlPlane", "Shared", "TestSupport"]),
        // Real `tollgate` processes (control plane, data-plane nodes, echo) on loopback.
        .testTarget(name: "EndToEndTests", dependencies: ["DataPlane", "ControlPlane", "Shared", "tollgate", "TestSupport"]),
    ]
)
