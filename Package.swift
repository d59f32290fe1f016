// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "ParkWatch",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "parkwatch", targets: ["parkwatch"]),
        .executable(name: "parkwatch-bench", targets: ["parkwatch-bench"]),
        .executable(name: "parkwatch-stream-bench", targets: ["parkwatch-stream-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // Debian's OpenCV 4.6 (libopencv-dev). Only the shim sees its headers, and it links only the
        // modules it calls: pkg-config's opencv4 names all sixty (Qt, HDF5, DICOM behind them), and
        // every process start, each CLI command's included, paid for resolving symbols across them.
        .target(
            name: "COpenCVShim",
            cxxSettings: [.unsafeFlags(["-I/usr/include/opencv4"])],
            linkerSettings: ["opencv_core", "opencv_imgproc", "opencv_imgcodecs", "opencv_dnn", "opencv_features2d", "opencv_calib3d", "opencv_videoio"]
                .map { .linkedLibrary($0) }),
        // Debian's Eclipse Mosquitto client library (libmosquitto-dev). Only ParkWatchMQTT's client sees it.
        .systemLibrary(name: "CMosquitto", pkgConfig: "libmosquitto", providers: [.apt(["libmosquitto-dev"])]),
        .target(name: "ParkWatchVision", dependencies: ["COpenCVShim"]),
        .target(name: "ParkWatchSpaces", dependencies: ["COpenCVShim", "ParkWatchVision"]),
        .target(
            name: "ParkWatchStore",
            dependencies: [.product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift")]
        ),
        .target(name: "ParkWatchReports", dependencies: ["ParkWatchAnalytics", "ParkWatchStore", "ParkWatchConfig"]),
        .target(name: "ParkWatchOccupancy", dependencies: ["ParkWatchSpaces", "ParkWatchVision", "ParkWatchStore"]),
        // Image files as bytes: format, size limits, EXIF, capture time. No decoding.
        .target(name: "ParkWatchImageFiles", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // The dated archive: where a photo goes, crash-safe moves, pruning, camera ids from folder names.
        .target(name: "ParkWatchArchive"),
        // Reading one frame (detector, spaces, per-camera memory, change gate, layout fitting) and
        // recording it (row, tracker, overlay, metrics): the heart every path shares.
        .target(
            name: "ParkWatchPipeline",
            dependencies: [
                "ParkWatchVision", "ParkWatchSpaces", "ParkWatchOccupancy", "ParkWatchStore", "ParkWatchArchive",
                "ParkWatchImageFiles", "ParkWatchConfig", "ParkWatchWebhooks",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ]
        ),
        // Events for other systems: which a reading causes, their outbox, signed delivery with retries.
        .target(
            name: "ParkWatchWebhooks",
            dependencies: [
                "ParkWatchStore", "ParkWatchConfig",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Each lot's, space's and camera's state as retained MQTT topics, with Home Assistant discovery.
        .target(
            name: "ParkWatchMQTT",
            dependencies: [
                "CMosquitto", "ParkWatchStore", "ParkWatchConfig",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The PostgreSQL database that joins the sites: its schema, and the forwarder that fills it.
        .target(
            name: "ParkWatchCentral",
            dependencies: [
                "ParkWatchStore", "ParkWatchConfig",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // `parkwatch eval`: labelled folders through the frame reader.
        .target(name: "ParkWatchEvaluation", dependencies: ["ParkWatchPipeline", "ParkWatchSpaces", "ParkWatchOccupancy", "ParkWatchVision"]),
        .target(
            name: "ParkWatchInbox",
            dependencies: [
                "ParkWatchPipeline", "ParkWatchImageFiles", "ParkWatchArchive",
                "ParkWatchVision", "ParkWatchStore", "ParkWatchSpaces", "ParkWatchOccupancy",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The process's Prometheus registry, behind `parkwatch`'s MetricsSystem and `/metrics`.
        .target(
            name: "ParkWatchMetrics",
            dependencies: [
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ]
        ),
        // Video files and live streams: sampling, change gating, reconnects, camera health.
        .target(
            name: "ParkWatchStreams",
            dependencies: [
                "ParkWatchPipeline", "ParkWatchArchive", "ParkWatchVision", "ParkWatchStore", "ParkWatchSpaces", "ParkWatchOccupancy",
                "ParkWatchWebhooks",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Frames per second analysed on the seed video, with and without change gating.
        .executableTarget(
            name: "parkwatch-stream-bench",
            dependencies: ["ParkWatchStreams", "ParkWatchPipeline", "ParkWatchConfig", "ParkWatchSpaces", "ParkWatchOccupancy", "ParkWatchVision"]
        ),
        .executableTarget(
            name: "parkwatch",
            dependencies: [
                "ParkWatchStreams", "ParkWatchInbox", "ParkWatchVision", "ParkWatchStore", "ParkWatchSpaces", "ParkWatchOccupancy",
                "ParkWatchPipeline", "ParkWatchEvaluation", "ParkWatchArchive", "ParkWatchReports", "ParkWatchAnalytics",
                "ParkWatchConfig", "ParkWatchWeb", "ParkWatchMetrics", "ParkWatchWebhooks", "ParkWatchMQTT",
                "ParkWatchCentral",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "parkwatch-bench",
            dependencies: [
                "ParkWatchInbox", "ParkWatchPipeline", "ParkWatchConfig", "ParkWatchVision", "ParkWatchStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "ParkWatchConfig", dependencies: ["Yams"]),
        .target(name: "ParkWatchAnalytics"),
        // The web app and JSON API (Hummingbird 2): pages, status, uploads into the inbox, bookings.
        .target(
            name: "ParkWatchWeb",
            dependencies: [
                "ParkWatchStore", "ParkWatchConfig", "ParkWatchAnalytics", "ParkWatchReports", "ParkWatchInbox", "ParkWatchSpaces",
                "ParkWatchMetrics", "ParkWatchImageFiles", "ParkWatchArchive", "ParkWatchPipeline",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Times the space classifier alone: 40 spaces of a 1280x720 frame on one OpenCV thread.
        .executableTarget(name: "parkwatch-space-bench", dependencies: ["ParkWatchSpaces", "ParkWatchVision"]),
        // Times the analytics on a year of synthetic readings, in memory or (--sqlite FILE) from a real database.
        .executableTarget(
            name: "parkwatch-analytics-bench",
            dependencies: ["ParkWatchAnalytics", "ParkWatchReports", "ParkWatchStore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "ParkWatchTestSupport", dependencies: [.product(name: "Logging", package: "swift-log")], path: "Tests/ParkWatchTestSupport"),
        .testTarget(name: "ParkWatchConfigTests", dependencies: ["ParkWatchConfig", "ParkWatchTestSupport"]),
        .testTarget(name: "ParkWatchVisionTests", dependencies: ["ParkWatchVision", "ParkWatchTestSupport"]),
        .testTarget(name: "ParkWatchSpacesTests", dependencies: ["ParkWatchSpaces", "ParkWatchTestSupport"]),
        .testTarget(
            name: "ParkWatchOccupancyTests",
            dependencies: [
                "ParkWatchOccupancy", "ParkWatchEvaluation", "ParkWatchPipeline", "ParkWatchSpaces", "ParkWatchStore", "ParkWatchVision",
                "ParkWatchTestSupport",
            ]),
        // The frame reader and the recorder, and the four paths (photo, stream, analyze, eval) agreeing.
        .testTarget(
            name: "ParkWatchPipelineTests",
            dependencies: [
                "ParkWatchPipeline", "ParkWatchEvaluation", "ParkWatchInbox", "ParkWatchStreams", "ParkWatchSpaces",
                "ParkWatchOccupancy", "ParkWatchStore", "ParkWatchVision", "ParkWatchMetrics", "ParkWatchTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "ParkWatchStreamsTests",
            dependencies: [
                "ParkWatchStreams", "ParkWatchVision", "ParkWatchSpaces", "ParkWatchOccupancy", "ParkWatchStore",
                "ParkWatchPipeline", "ParkWatchArchive", "ParkWatchTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "ParkWatchStoreTests",
            dependencies: ["ParkWatchStore", "ParkWatchTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "ParkWatchWebTests",
            dependencies: [
                "ParkWatchWeb", "ParkWatchStore", "ParkWatchConfig", "ParkWatchInbox", "ParkWatchSpaces", "ParkWatchTestSupport",
                "ParkWatchMetrics", "ParkWatchPipeline", "ParkWatchArchive", "ParkWatchImageFiles", "ParkWatchReports", "ParkWatchAnalytics",
                "ParkWatchCentral",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "ParkWatchAnalyticsTests",
            dependencies: ["ParkWatchAnalytics", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "ParkWatchInboxTests",
            dependencies: [
                "ParkWatchInbox", "ParkWatchPipeline", "ParkWatchArchive", "ParkWatchImageFiles", "ParkWatchTestSupport",
                "ParkWatchVision", "ParkWatchSpaces", "ParkWatchStore",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "ParkWatchWebhooksTests",
            dependencies: [
                "ParkWatchWebhooks", "ParkWatchStore", "ParkWatchConfig", "ParkWatchPipeline", "ParkWatchOccupancy", "ParkWatchSpaces",
                "ParkWatchStreams", "ParkWatchTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "ParkWatchMQTTTests",
            dependencies: [
                "ParkWatchMQTT", "ParkWatchStore", "ParkWatchConfig", "ParkWatchTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "ParkWatchCentralTests",
            dependencies: [
                "ParkWatchCentral", "ParkWatchStore", "ParkWatchConfig", "ParkWatchTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Runs the built `parkwatch` binary as a user would; the dependency makes `swift test` build it.
        .testTarget(
            name: "ParkWatchCLITests",
            dependencies: ["parkwatch", "ParkWatchStore", "ParkWatchTestSupport", "ParkWatchInbox", "ParkWatchPipeline", "ParkWatchSpaces"]),
    ],
    cxxLanguageStandard: .cxx17
)
