import Foundation
import Hummingbird
import HummingbirdTesting
import ParkWatchStore
import ParkWatchTestSupport
import Testing

/// A streaming camera's health in the lot status JSON and on the dashboard.
@Suite struct StreamHealthTests {
    @Test func anOfflineStreamIsInTheStatusAndWarnedAboutOnTheDashboard() async throws {
        let fixture = try WebFixture()
        try await fixture.seedReadings()
        let since = WebFixture.now - 300
        try await fixture.store.saveCameraHealth(CameraHealthRecord(
            camera: "cam1", source: "rtsp://cam1.local/stream", state: .offline, offlineSince: since,
            lastFrameAt: since - 5, lastError: "rtsp://cam1.local/stream closed or timed out", reconnects: 2, updatedAt: since))
        try await fixture.app().test(.router) { client in
            let status = try await client.send("/api/lots/north/status", .get).object
            let camera = try #require((status["cameras"] as? [[String: Any]])?.first)
            let health = try #require(camera["health"] as? [String: Any])
            #expect(health["state"] as? String == "offline")
            #expect(health["offline_since"] as? String == "2026-05-01T09:55:00Z")
            #expect(health["online_since"] is NSNull)
            #expect(health["reconnects"] as? Int == 2)
            let page = try await client.send("/", .get).text
            #expect(page.contains("Stream cam1 offline since 09:55"))
        }
    }

    @Test func aCameraThatUploadsPhotosHasNoHealth() async throws {
        let fixture = try WebFixture()
        try await fixture.seedReadings()
        try await fixture.app().test(.router) { client in
            let status = try await client.send("/api/lots/north/status", .get).object
            let camera = try #require((status["cameras"] as? [[String: Any]])?.first)
            #expect(camera["health"] is NSNull)
        }
    }

    @Test func aStreamSampleWithoutAKeyFrameOffersNoImage() async throws {
        let fixture = try WebFixture()
        try await fixture.seedReadings()
        _ = try await fixture.store.insert(PhotoRecord(
            camera: "cam1", file: "stream-1.jpg", sourcePath: "rtsp://cam1.local/stream", sha256: nil, sizeBytes: nil,
            status: .ok, vehicles: 1, capturedAt: WebFixture.now - 10, captureSource: "stream", receivedAt: WebFixture.now - 10,
            archivedPath: "", filed: true))
        try await fixture.app().test(.router) { client in
            let status = try await client.send("/api/lots/north/status", .get).object
            let camera = try #require((status["cameras"] as? [[String: Any]])?.first)
            #expect(camera["updated_at"] as? String == "2026-05-01T09:59:50Z")
            #expect(camera["image"] is NSNull)
        }
    }

    /// A camera whose newest photo was read with its layout carried along, then one whose view was lost.
    @Test func aMovedOrLostViewIsInTheStatusAndWarnedAboutOnTheDashboard() async throws {
        let fixture = try WebFixture()
        try await fixture.seedReadings()
        for (offset, shift) in [(20.0, 63.47), (10.0, -1)] {
            var photo = PhotoRecord(
                camera: "cam1", file: "view-\(offset).jpg", sourcePath: "inbox/cam1/view.jpg", sha256: "view\(offset)", sizeBytes: 1,
                status: .ok, vehicles: 1, capturedAt: WebFixture.now - offset, captureSource: "name", receivedAt: WebFixture.now,
                archivedPath: "", filed: true)
            photo.viewShiftPx = shift
            _ = try await fixture.store.insert(photo)
            try await fixture.app().test(.router) { client in
                let status = try await client.send("/api/lots/north/status", .get).object
                let camera = try #require((status["cameras"] as? [[String: Any]])?.first)
                let page = try await client.send("/", .get).text
                if shift > 0 {
                    #expect(camera["view"] as? String == "moved" && camera["view_shift_px"] as? Double == 63.5)
                    #expect(page.contains("Camera cam1 moved by 63.5 px: its spaces follow the view"))
                } else {
                    #expect(camera["view"] as? String == "lost" && camera["view_shift_px"] is NSNull)
                    #expect(page.contains("Camera cam1 does not show its lot: its spaces are unknown"))
                }
            }
        }
    }
}
