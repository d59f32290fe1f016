import Foundation
import ParkWatchSpaces
import ParkWatchStore

/// `/lots/<lot>/layout`: the camera's latest photo with its spaces, which app.js makes editable
/// (add by clicking corners, drag a corner or a space, delete, renumber, name and zone, undo).
/// The spaces travel as JSON in a data block and back in the form's `layout` field.
struct LayoutEditorView: Sendable {
    func content(
        lot: String, camera: String, file: String, layout: LotLayout, photo: PhotoRecord?, edited: [ParkingSpace]?, proposed: LotLayout?,
        notice: Notice?, token: String
    ) -> String {
        let (width, height) = (photo?.width ?? layout.imageWidth ?? 1280, photo?.height ?? layout.imageHeight ?? 720)
        let spaces = edited ?? layout.resolved(width: width, height: height).spaces
        let proposals = proposed?.resolved(width: width, height: height).spaces ?? []
        let image = photo?.id.map { "<image href=\"/images/\($0)?original=1\" width=\"\(width)\" height=\"\(height)\"/>" }
            ?? "<rect class=\"no-photo\" width=\"\(width)\" height=\"\(height)\"/>"
        return """
            <div class="page-head"><div><h1>Layout of \(h(lot)) · \(h(camera))</h1>
            <p>\(photo == nil ? "No photo of this camera yet: the spaces are drawn on an empty frame." : "On the camera's latest photo.") \
            Click a space to select it, drag it or its corners; <kbd>A</kbd> adds a space (click its four corners), \
            <kbd>Delete</kbd> removes the selected one, arrow keys move it, <kbd>Ctrl</kbd>+<kbd>Z</kbd> undoes. \
            Saving writes \(h(file)), keeps the version it replaces and makes this photo the reference the camera's view is followed from.</p></div></div>
            \(notice?.html ?? "")
            <form method="post" action="/lots/\(urlSegment(lot))/layout" id="layout-editor" class="label-layout">
              <input type="hidden" name="csrf" value="\(h(token))">
              <input type="hidden" name="camera" value="\(h(camera))">
              <input type="hidden" name="width" value="\(width)">
              <input type="hidden" name="height" value="\(height)">
              \(photo?.id.map { "<input type=\"hidden\" name=\"photo\" value=\"\($0)\">" } ?? "")
              <input type="hidden" name="layout" id="layout-json" value="">
              <section class="card">
                \(Self.editorTools)
                \(proposals.isEmpty ? "" : proposalTools(file: file, count: proposals.count))
                <svg id="layout-svg" class="label-photo" viewBox="0 0 \(width) \(height)" tabindex="0" role="application" aria-label="spaces of \(h(camera))">
                  \(image)
                  <g id="layout-spaces"></g>
                </svg>
              </section>
              \(Self.spaceFields)
              <script type="application/json" id="layout-data">\(Self.json(spaces))</script>
              <script type="application/json" id="proposal-data">\(Self.json(proposals))</script>
            </form>
            """
    }

    /// The editor's buttons, which app.js wires by id.
    private static let editorTools = """
        <div class="editor-tools">
          <button type="button" class="button secondary" id="add-space">Add space</button>
          <button type="button" class="button secondary" id="delete-space">Delete</button>
          <button type="button" class="button secondary" id="undo-edit">Undo</button>
          <button type="button" class="button secondary" id="renumber">Renumber</button>
          <button type="submit" class="button" id="save-layout">Save layout</button>
          <span id="editor-state" class="hint" role="status"></span>
        </div>
        """

    /// The selected space's fields and the list of spaces, which app.js fills.
    private static let spaceFields = """
        <section class="card">
          <h2>Selected space</h2>
          <p class="editor-fields">
            <label>Id <input id="space-id" autocomplete="off"></label>
            <label>Name <input id="space-name" autocomplete="off"></label>
            <label>Zone <input id="space-zone" autocomplete="off"></label>
          </p>
          <h2>Spaces</h2>
          <ul class="space-list" id="space-list"></ul>
        </section>
        """

    private func proposalTools(file: String, count: Int) -> String {
        """
        <div class="editor-tools proposal-tools">
          <input type="hidden" name="proposals" id="proposals-json" value="">
          <span class="hint">\(count) proposed spaces (dashed, from \(h(file)).proposed.json): click one, then</span>
          <button type="button" class="button secondary" id="accept-proposal">Accept</button>
          <button type="button" class="button secondary" id="drop-proposal">Drop</button>
          <button type="button" class="button secondary" id="accept-all">Accept all</button>
        </div>
        """
    }

    /// The spaces for the script; `</` is escaped so no id or name can end the data block.
    static func json(_ spaces: [ParkingSpace]) -> String {
        let rows: [[String: Any]] = spaces.map { space in
            ["id": space.id, "name": space.name ?? "", "zone": space.zone ?? "", "polygon": space.polygon.map { [$0.x, $0.y] }]
        }
        let data = (try? JSONSerialization.data(withJSONObject: rows, options: [.sortedKeys])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "</", with: "<\\/")
    }
}
