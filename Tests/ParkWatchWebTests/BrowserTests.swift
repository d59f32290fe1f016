import Foundation
import Logging
import ParkWatchSpaces
import ParkWatchStore
import ParkWatchTestSupport
import ParkWatchWeb
import ServiceLifecycle
import Testing

/// The pages in a real browser: headless Chromium opens the dashboard, books a space through the
/// booking page's form, and finds it reserved on the lot page. Screenshots go to
/// artifacts/browser/ (git-ignored) to be looked at.
@Suite(.serialized) struct BrowserTests {
    static let artifacts = TestResources.packageRoot.appendingPathComponent("artifacts/browser")
    /// Three minutes after the last PKLot frame of the morning was taken.
    static let now = ISOTime.parse("2013-02-22T07:18:00Z")!

    @Test func bookingThroughThePageShowsTheSpaceReserved() async throws {
        try await withBrowser(drive)
    }

    /// A click on a space of the labelling page flips it; saving stores every space's label.
    @Test func labellingThroughThePageStoresTheClickedSpace() async throws {
        try await withBrowser(label)
    }

    /// The history page of the dev morning: the rate's line, the week's heat map, the spaces over
    /// the camera's photo, and the CSV the page links to.
    @Test func theHistoryPageDrawsTheMorning() async throws {
        try await withBrowser(history)
    }

    /// The layout editor: select a space by clicking it, delete it, undo, delete it again, add one
    /// by its four corners, drag it, name it, save; the file, its kept version and the lot status
    /// follow.
    @Test func theLayoutEditorEditsAndSavesTheCamerasLayout() async throws {
        try await withBrowser(editLayout)
    }

    /// Proposals left beside the layout (`lot propose --out ufpr05.json.proposed.json`): one
    /// accepted becomes space 41, one dropped is gone; after the save no proposal is left.
    @Test func theEditorShowsProposalsToAcceptOrDrop() async throws {
        try await withBrowser(prepare: { fixture in
            func box(_ id: String, _ x: Double) -> ParkingSpace {
                ParkingSpace(id: id, polygon: [Point(x: x, y: 620), Point(x: x + 120, y: 620), Point(x: x + 120, y: 700), Point(x: x, y: 700)])
            }
            let proposed = LotLayout(imageWidth: 1280, imageHeight: 720, spaces: [box("P1", 40), box("P2", 1100)])
            try proposed.write(to: URL(fileURLWithPath: fixture.folder.path("ufpr05.json").path + ".proposed.json"))
        }, acceptAndDrop)
    }

    private func withBrowser(
        prepare: (PipelineFixture) throws -> Void = { _ in }, _ drive: @escaping (BrowserPage, URL) async throws -> Void
    ) async throws {
        let executable = try Chromium.executable.unwrapped("chromium: `make test` installs it (scripts/setup.sh chromium)")
        let fixture = try PipelineFixture()
        try await fixture.processDay1()
        try prepare(fixture)
        let logger = Logger(label: "browser-test")
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let app = WebApp.buildApplication(
            source: .node(try fixture.store()), settings: fixture.web, clock: WebClock { Self.now }, logger: logger) { portSink.yield($0) }
        let group = ServiceGroup(configuration: .init(services: [.init(service: app)], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            let base = URL(string: "http://127.0.0.1:\(try await iterator.next().unwrapped("port"))")!
            let profile = try TemporaryFolder("chromium")
            let browser = try Chromium(executable: executable, profile: profile.url)
            do {
                try await drive(try await BrowserPage.open(browser), base)
            } catch {
                await browser.quit()
                await group.triggerGracefulShutdown()
                throw error
            }
            await browser.quit()
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    private func label(_ page: BrowserPage, base: URL) async throws {
        try await page.go(base.appendingPathComponent("label/cam1"))
        try await page.wait(until: "document.querySelector('svg.label-photo image') !== null && document.readyState === 'complete'")
        // Spaces of an oblique view overlap: click the first one whose centre shows itself.
        let target = try #require(try await page.evaluate("""
            (() => { for (const p of document.querySelectorAll('polygon[data-space]')) {
              const r = p.getBoundingClientRect(); const x = r.x + r.width / 2, y = r.y + r.height / 2;
              if (document.elementFromPoint(x, y) === p) return [p.dataset.space, x, y]; } return null; })()
            """) as? [Any])
        let (id, box) = (try #require(target[0] as? String), [try #require(target[1] as? Double), try #require(target[2] as? Double)])
        let space = "document.querySelector('polygon[data-space=\"\(id)\"]')"
        let before = try await page.evaluate("\(space).classList.contains('occupied')") as? Bool
        for type in ["mousePressed", "mouseReleased"] {
            _ = try await page.send("Input.dispatchMouseEvent", ["type": type, "x": box[0], "y": box[1], "button": "left", "clickCount": 1])
        }
        #expect(try await page.evaluate("\(space).classList.contains('occupied')") as? Bool == !(before ?? false))
        let radio = "document.querySelector('input[name=\"space.\(id)\"][value=\"occupied\"]').checked"
        #expect(try await page.evaluate(radio) as? Bool == !(before ?? false))
        try await page.screenshot(to: Self.artifacts.appendingPathComponent("6-labelling.png"))
        _ = try await page.evaluate("document.getElementById('save-labels').click(); true")
        try await page.wait(until: "location.search.includes('saved=') && document.readyState === 'complete'")
        #expect((try await page.evaluate("document.getElementById('notice').textContent") as? String) == "Saved 40 labels of this photo.")
        let photo = try #require(try await page.evaluate("new URLSearchParams(location.search).get('photo')") as? String)
        let stored = "fetch('/api/photos/\(photo)/labels').then(r => r.json()).then(j => j.labels[\(jsString(id))])"
        #expect(try await page.evaluate(stored) as? Bool == !(before ?? false))
        #expect(try await page.evaluate("\(space).classList.contains('occupied')") as? Bool == !(before ?? false))
        try await page.screenshot(to: Self.artifacts.appendingPathComponent("7-labels-saved.png"))
    }

    private func drive(_ page: BrowserPage, base: URL) async throws {
        try await page.go(base)
        try await page.wait(until: "document.querySelector('[data-lot=\"ufpr05\"] .shot img')?.complete === true")
        #expect(try await page.evaluate("document.querySelector('[data-lot=\"ufpr05\"] .of').textContent") as? String == "free of 40")
        try await page.screenshot(to: Self.artifacts.appendingPathComponent("1-dashboard.png"))

        try await page.go(base.appendingPathComponent("booking").appending(queryItems: [.init(name: "lot", value: "ufpr05")]))
        let space = try await page.evaluate("fetch('/api/lots/ufpr05/status').then(r => r.json()).then(s => s.free_spaces[0])") as? String
        let chosen = try space.unwrapped("a free space")
        _ = try await page.evaluate("document.getElementById('place').value = \(jsString("ufpr05/" + chosen)); true")
        _ = try await page.evaluate("document.getElementById('holder').focus(); true")
        _ = try await page.send("Input.insertText", ["text": "Ada Lovelace"])
        try await page.screenshot(to: Self.artifacts.appendingPathComponent("2-booking-form.png"))
        _ = try await page.evaluate("document.getElementById('book').click(); true")
        try await page.wait(until: "location.search.includes('booked=') && document.readyState === 'complete'")
        let notice = try await page.evaluate("document.getElementById('notice').textContent") as? String
        #expect(notice?.hasPrefix("Booked space \(chosen) in ufpr05 for Ada Lovelace") == true)
        try await page.screenshot(to: Self.artifacts.appendingPathComponent("3-booked.png"))

        try await page.go(base.appendingPathComponent("lots/ufpr05"))
        let row = "document.querySelector('tr[data-space=\(jsString(chosen))]')"
        #expect(try await page.evaluate("\(row).querySelector('.pill.reserved') !== null") as? Bool == true)
        #expect((try await page.evaluate("\(row).textContent") as? String)?.contains("For Ada Lovelace until 09:18") == true)
        let reserved = "fetch('/api/lots/ufpr05/status').then(r => r.json()).then(s => s.spaces.find(x => x.id === \(jsString(chosen))).reserved)"
        #expect(try await page.evaluate(reserved) as? Bool == true)
        try await page.screenshot(to: Self.artifacts.appendingPathComponent("4-lot.png"))

        try await page.go(base)
        try await page.wait(until: "document.querySelector('[data-lot=\"ufpr05\"] .shot img')?.complete === true")
        try await page.screenshot(to: Self.artifacts.appendingPathComponent("5-dashboard-after-booking.png"))
    }

    private func history(_ page: BrowserPage, base: URL) async throws {
        try await page.go(base.appendingPathComponent("lots/ufpr05"))
        _ = try await page.evaluate("document.querySelector('a[href^=\"/history\"].button').click(); true")
        try await page.wait(until: "location.pathname === '/history' && document.readyState === 'complete'")
        try await page.wait(until: "document.querySelector('.space-map image')?.getBBox().width > 0")
        #expect(try await page.evaluate("location.search") as? String == "?lot=ufpr05")
        #expect(try await page.evaluate("document.querySelectorAll('.history-rate polyline, .history-rate circle').length") as? Int ?? 0 >= 1)
        #expect(try await page.evaluate("document.querySelectorAll('rect.heat').length") as? Int == 168)
        let coloured = "[...document.querySelectorAll('rect.heat')].filter(r => r.getAttribute('fill') !== '#f1f5f9').length"
        #expect((1...2).contains(try await page.evaluate(coloured) as? Int ?? 0), "the morning covers one or two hours of one weekday")
        #expect(try await page.evaluate("document.querySelectorAll('.space-map polygon.space-use').length") as? Int == 40)
        try await page.screenshot(to: Self.artifacts.appendingPathComponent("8-history.png"))
        let csv = "fetch(document.querySelector('.downloads a').href).then(r => r.text())"
        #expect((try await page.evaluate(csv) as? String)?.hasPrefix("row,start,end,coverage,occupancy_rate") == true)
        _ = try await page.evaluate("document.getElementById('history-range').value = 'today'; document.getElementById('history-form').submit(); true")
        try await page.wait(until: "location.search.includes('range=today') && document.readyState === 'complete'")
        #expect((try await page.evaluate("document.querySelector('.history h2').textContent") as? String)?.contains("Fri 22 Feb 2013, 00:00") == true)
        try await page.screenshot(to: Self.artifacts.appendingPathComponent("9-history-today.png"))
    }
}

/// The layout editor's steps, driven with real mouse and key events.
extension BrowserTests {
    private func click(_ page: BrowserPage, _ point: [Double], to end: [Double]? = nil) async throws {
        _ = try await page.send("Input.dispatchMouseEvent", ["type": "mousePressed", "x": point[0], "y": point[1], "button": "left", "clickCount": 1])
        if let end {
            _ = try await page.send("Input.dispatchMouseEvent", ["type": "mouseMoved", "x": end[0], "y": end[1], "button": "left", "buttons": 1])
        }
        let last = end ?? point
        _ = try await page.send("Input.dispatchMouseEvent", ["type": "mouseReleased", "x": last[0], "y": last[1], "button": "left", "clickCount": 1])
    }

    private func press(_ page: BrowserPage, _ key: String, code: String, keyCode: Int, ctrl: Bool = false) async throws {
        for type in ["keyDown", "keyUp"] {
            _ = try await page.send("Input.dispatchKeyEvent", [
                "type": type, "key": key, "code": code, "windowsVirtualKeyCode": keyCode, "modifiers": ctrl ? 2 : 0,
            ])
        }
    }

    /// Where a point of the photo shows in the page.
    private func onScreen(_ page: BrowserPage, _ x: Double, _ y: Double) async throws -> [Double] {
        try #require(try await page.evaluate("""
            (() => { const s = document.getElementById('layout-svg'); const p = s.createSVGPoint(); p.x = \(x); p.y = \(y);
              const q = p.matrixTransform(s.getScreenCTM()); return [q.x, q.y]; })()
            """) as? [Double])
    }

    func editLayout(_ page: BrowserPage, base: URL) async throws {
        let count = "document.querySelectorAll('polygon.edit-space').length"
        try await page.go(base.appendingPathComponent("lots/ufpr05/layout"))
        try await page.wait(until: "\(count) === 40 && document.readyState === 'complete'")
        try await page.screenshot(to: Self.artifacts.appendingPathComponent("8-layout-editor.png"))
        let target = try #require(try await page.evaluate("""
            (() => { for (const p of document.querySelectorAll('polygon.edit-space')) {
              const r = p.getBoundingClientRect(); const x = r.x + r.width / 2, y = r.y + r.height / 2;
              if (document.elementFromPoint(x, y) === p) return [p.dataset.space, x, y]; } return null; })()
            """) as? [Any])
        let removed = try #require(target[0] as? String)
        try await click(page, [try #require(target[1] as? Double), try #require(target[2] as? Double)])
        #expect(try await page.evaluate("document.querySelector('polygon.edit-space.selected').dataset.space") as? String == removed)
        try await press(page, "Delete", code: "Delete", keyCode: 46)
        #expect(try await page.evaluate(count) as? Int == 39)
        try await press(page, "z", code: "KeyZ", keyCode: 90, ctrl: true)
        #expect(try await page.evaluate(count) as? Int == 40)
        try await click(page, [try #require(target[1] as? Double), try #require(target[2] as? Double)])
        try await press(page, "Delete", code: "Delete", keyCode: 46)

        // A new space in the empty bottom-left corner of the photo, then dragged 40 px right.
        try await press(page, "a", code: "KeyA", keyCode: 65)
        for (x, y) in [(40.0, 620.0), (160.0, 620.0), (160.0, 700.0), (40.0, 700.0)] { try await click(page, try await onScreen(page, x, y)) }
        #expect(try await page.evaluate(count) as? Int == 40)
        try await click(page, try await onScreen(page, 100, 660), to: try await onScreen(page, 140, 660))
        _ = try await page.evaluate("const f = document.getElementById('space-name'); f.value = 'Entrance'; f.dispatchEvent(new Event('change')); true")
        try await page.screenshot(to: Self.artifacts.appendingPathComponent("9-layout-edited.png"))
        _ = try await page.evaluate("document.getElementById('save-layout').click(); true")
        try await page.wait(until: "location.search.includes('saved=') && document.readyState === 'complete'")
        #expect((try await page.evaluate("document.getElementById('notice').textContent") as? String)?.hasPrefix("Saved 40 spaces") == true)

        // The page after the save draws the file as written, and the lot status takes its spaces from it.
        let ids = try #require(try await page.evaluate("fetch('/api/lots/ufpr05/status').then(r => r.json()).then(s => s.spaces.map(x => x.id))") as? [String])
        #expect(ids.count == 40 && !ids.contains(removed))
        let added = try #require(try await page.evaluate("JSON.parse(document.getElementById('layout-data').textContent).find(s => s.name === 'Entrance')") as? [String: Any])
        let corners = try #require(added["polygon"] as? [[Double]])
        #expect(ids.contains(try #require(added["id"] as? String)))
        #expect(abs(corners[0][0] - 80) <= 3 && abs(corners[0][1] - 620) <= 3, "\(corners)")
    }

    func acceptAndDrop(_ page: BrowserPage, base: URL) async throws {
        let counts = "[document.querySelectorAll('polygon.edit-proposal').length, document.querySelectorAll('polygon.edit-space').length]"
        let proposals = "document.querySelectorAll('polygon.edit-proposal').length"
        try await page.go(base.appendingPathComponent("lots/ufpr05/layout"))
        try await page.wait(until: "\(proposals) === 2 && document.readyState === 'complete'")
        try await page.screenshot(to: Self.artifacts.appendingPathComponent("10-layout-proposals.png"))
        try await click(page, try await onScreen(page, 100, 660))
        _ = try await page.evaluate("document.getElementById('accept-proposal').click(); true")
        #expect(try await page.evaluate(counts) as? [Int] == [1, 41])
        try await click(page, try await onScreen(page, 1160, 660))
        _ = try await page.evaluate("document.getElementById('drop-proposal').click(); true")
        #expect(try await page.evaluate(counts) as? [Int] == [0, 41])
        _ = try await page.evaluate("document.getElementById('save-layout').click(); true")
        try await page.wait(until: "location.search.includes('saved=41') && document.readyState === 'complete'")
        #expect(try await page.evaluate(counts) as? [Int] == [0, 41])
        let added = try #require(try await page.evaluate("JSON.parse(document.getElementById('layout-data').textContent).find(s => s.id === '41')") as? [String: Any])
        #expect((added["polygon"] as? [[Double]])?.first == [40, 620])

        // From the keyboard alone: A, then Enter, adds a box in the middle; Shift+arrow moves it 10 px.
        let selected = "document.querySelector('polygon.edit-space.selected').getAttribute('points').split(' ')[0]"
        try await press(page, "a", code: "KeyA", keyCode: 65)
        try await press(page, "Enter", code: "Enter", keyCode: 13)
        #expect(try await page.evaluate(counts) as? [Int] == [0, 42])
        #expect(try await page.evaluate(selected) as? String == "600,335")
        _ = try await page.send("Input.dispatchKeyEvent", ["type": "keyDown", "key": "ArrowRight", "code": "ArrowRight", "windowsVirtualKeyCode": 39, "modifiers": 8])
        #expect(try await page.evaluate(selected) as? String == "610,335")
    }
}
