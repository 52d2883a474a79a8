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
        .executableTarget(name: "tollgate", dependencies: ["Shared", "ControlPlane", "DataPlane"]),

        // MARK: - Tests
        .testTarget(name: "SharedTests", dependencies: ["Shared"]),
        .testTarget(name: "ControlPlaneTests", dependencies: ["ControlPlane", "Shared", "tollgate"]),
        .testTarget(name: "DataPlaneTests", dependencies: ["DataPlane", "Shared", "tollgate"]),
        // Real `tollgate` processes (control plane, data-plane nodes, echo) on loopback.
        .testTarget(name: "EndToEndTests", dependencies: ["DataPlane", "ControlPlane", "Shared", "tollgate"]),
    ]
)
