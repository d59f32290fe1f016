// swift-tools-version:6.1
import PackageDescription

// Debian's OpenCV 4.6 (libopencv-dev). Only the shim sees its headers.
let openCVLibraries: [LinkerSetting] = ["opencv_core", "opencv_imgproc", "opencv_imgcodecs", "opencv_dnn"]
    .map { .linkedLibrary($0) }

let package = Package(
    name: "ParkWatch",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "parkwatch", targets: ["parkwatch"]),
        .executable(name: "parkwatch-bench", targets: ["parkwatch-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .target(
            name: "COpenCVShim",
            cxxSettings: [.unsafeFlags(["-I/usr/include/opencv4"])],
            linkerSettings: openCVLibraries
        ),
        .target(name: "ParkWatchVision", dependencies: ["COpenCVShim"]),
        .target(name: "ParkWatchStore", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "ParkWatchInbox",
            dependencies: [
                "ParkWatchVision", "ParkWatchStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "parkwatch",
            dependencies: [
                "ParkWatchInbox", "ParkWatchVision", "ParkWatchStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "parkwatch-bench",
            dependencies: [
                "ParkWatchInbox", "ParkWatchVision", "ParkWatchStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "ParkWatchTestSupport", path: "Tests/ParkWatchTestSupport"),
        .testTarget(name: "ParkWatchVisionTests", dependencies: ["ParkWatchVision", "ParkWatchTestSupport"]),
        .testTarget(name: "ParkWatchStoreTests", dependencies: ["ParkWatchStore", "ParkWatchTestSupport"]),
        .testTarget(
            name: "ParkWatchInboxTests",
            dependencies: [
                "ParkWatchInbox", "ParkWatchTestSupport",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Runs the built `parkwatch` binary as a user would; the dependency makes `swift test` build it.
        .testTarget(name: "ParkWatchCLITests", dependencies: ["parkwatch", "ParkWatchTestSupport"]),
    ],
    cxxLanguageStandard: .cxx17
)
