import Foundation
import ParkWatchSpaces
import ParkWatchStore

/// `/label/<camera>`: the photo with its spaces drawn over it. A click on a space flips it
/// between occupied and free (app.js); the list under the photo does the same without script.
/// Spaces start from their stored labels, else from what the service read.
struct LabelView: Sendable {
    let time: TimeText

    func content(
        camera: String, photo: PhotoRecord, layout: LotLayout, reading: SpaceReadingRecord?, labels: [String: Bool],
        recent: [ReadPhoto], notice: Notice?, token: String
    ) -> String {
        let (width, height) = (photo.width ?? layout.imageWidth ?? 1280, photo.height ?? layout.imageHeight ?? 720)
        let spaces = layout.resolved(width: width, height: height).spaces
        let read = Dictionary(zip(spaces.map(\.id), (reading?.rawStates ?? "").map { $0 == "o" }), uniquingKeysWith: { $1 })
        let occupied = { (id: String) in labels[id] ?? read[id] ?? false }
        let id = photo.id ?? 0
        return """
            <div class="page-head"><div><h1>Label \(h(camera))</h1>
            <p>Photo of \(h(time.dayAndTime(photo.capturedAt))) · \(labels.isEmpty ? "not labelled yet: spaces start as the service read them" : "\(labels.count) spaces labelled"). \
            Click a space to flip it between occupied (red) and free (green), then save.</p></div></div>
            \(notice?.html ?? "")
            <form method="post" action="/label/\(urlSegment(camera))" id="label-form" class="label-layout">
              <input type="hidden" name="csrf" value="\(h(token))">
              <input type="hidden" name="photo" value="\(id)">
              <section class="card">
                <svg class="label-photo" viewBox="0 0 \(width) \(height)" role="img" aria-label="photo \(id) with its spaces">
                  <image href="/images/\(id)?original=1" width="\(width)" height="\(height)"/>
                  \(spaces.map { polygon($0, occupied: occupied($0.id)) }.joined(separator: "\n"))
                </svg>
                <p><button type="submit" class="button" id="save-labels">Save labels</button></p>
              </section>
              <section class="card">
                <h2>Spaces</h2>
                <table class="label-table"><tbody>\(spaces.map { row($0.id, occupied: occupied($0.id)) }.joined())</tbody></table>
                <h2>Other photos</h2>
                <ul class="label-photos">\(recent.map { link($0, camera: camera, current: $0.id == id) }.joined())</ul>
              </section>
            </form>
            """
    }

    private func polygon(_ space: ParkingSpace, occupied: Bool) -> String {
        let points = space.polygon.map { String(format: "%.1f,%.1f", $0.x, $0.y) }.joined(separator: " ")
        return "<polygon class=\"label-space \(occupied ? "occupied" : "free")\" data-space=\"\(h(space.id))\" points=\"\(points)\"><title>space \(h(space.id))</title></polygon>"
    }

    private func row(_ space: String, occupied: Bool) -> String {
        let name = h("space." + space)
        return """
            <tr data-space="\(h(space))"><th>\(h(space))</th>\
            <td><label><input type="radio" name="\(name)" value="occupied"\(occupied ? " checked" : "")> occupied</label></td>\
            <td><label><input type="radio" name="\(name)" value="free"\(occupied ? "" : " checked")> free</label></td></tr>
            """
    }

    private func link(_ photo: ReadPhoto, camera: String, current: Bool) -> String {
        let text = "\(time.dayAndTime(photo.capturedAt))\(photo.labels > 0 ? " · \(photo.labels) labelled" : "")"
        return current ? "<li><strong>\(h(text))</strong></li>" : "<li><a href=\"/label/\(urlSegment(camera))?photo=\(photo.id)\">\(h(text))</a></li>"
    }
}
