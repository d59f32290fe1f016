/// How a batch's JSON rows (`$2`, built by the node's SQLite) go into each central table for
/// site `$1`: one `INSERT … SELECT FROM json_to_recordset` per table and batch.
struct CentralTables {
    struct Column {
        let name: String
        /// The type `json_to_recordset` reads the field as.
        let type: String
        /// What is stored, when not the field as read.
        var expression: String?

        init(_ name: String, _ type: String, _ expression: String? = nil) {
            self.name = name
            self.type = type
            self.expression = expression
        }
    }

    let table: String
    let columns: [Column]
    let onConflict: String

    var insertSQL: String {
        let names = columns.map(\.name).joined(separator: ", ")
        let values = columns.map { $0.expression ?? "r.\($0.name)" }.joined(separator: ", ")
        let fields = columns.map { "\($0.name) \($0.type)" }.joined(separator: ", ")
        return "INSERT INTO \(table) (site, \(names)) SELECT $1, \(values) FROM json_to_recordset($2::json) AS r(\(fields)) \(onConflict)"
    }

    static let layout = CentralTables(
        table: "layout", columns: [.init("id", "bigint"), .init("camera", "text"), .init("space_ids", "text")],
        onConflict: "ON CONFLICT DO NOTHING")

    static let photo = CentralTables(
        table: "photo",
        columns: [
            .init("id", "bigint"), .init("camera", "text"), .init("file", "text"), .init("sha256", "text"),
            .init("size_bytes", "bigint"), .init("status", "text"), .init("error", "text"), .init("vehicles", "integer"),
            .init("width", "integer"), .init("height", "integer"), .init("captured_at", "timestamptz"),
            .init("capture_source", "text"), .init("received_at", "timestamptz"), .init("archived_path", "text"),
            .init("duplicate_of", "bigint"), .init("detect_ms", "double precision"),
        ],
        onConflict: "ON CONFLICT DO NOTHING")

    static let reading = CentralTables(
        table: "space_reading",
        columns: [
            .init("photo_id", "bigint"), .init("layout_id", "bigint"), .init("camera", "text"), .init("captured_at", "timestamptz"),
            .init("total", "integer"), .init("occupied", "integer"), .init("free", "integer"), .init("unknown", "integer"),
            .init("free_spaces", "text"), .init("raw_states", "text"),
            .init("raw_confidence", "text", "decode(r.raw_confidence, 'hex')"),
        ],
        onConflict: "ON CONFLICT DO NOTHING")

    static let change = CentralTables(
        table: "space_change",
        columns: [
            .init("id", "bigint"), .init("camera", "text"), .init("space", "text"), .init("at", "timestamptz"),
            .init("state", "text"), .init("confidence", "double precision"), .init("photo_id", "bigint"),
        ],
        onConflict: "ON CONFLICT DO NOTHING")

    static let health = CentralTables(
        table: "camera_health",
        columns: [
            .init("camera", "text"), .init("source", "text"), .init("state", "text"), .init("online_since", "timestamptz"),
            .init("offline_since", "timestamptz"), .init("last_frame_at", "timestamptz"), .init("last_error", "text"),
            .init("reconnects", "integer"), .init("updated_at", "timestamptz"),
        ],
        onConflict: """
            ON CONFLICT (site, camera) DO UPDATE SET source = EXCLUDED.source, state = EXCLUDED.state,
            online_since = EXCLUDED.online_since, offline_since = EXCLUDED.offline_since, last_frame_at = EXCLUDED.last_frame_at,
            last_error = EXCLUDED.last_error, reconnects = EXCLUDED.reconnects, updated_at = EXCLUDED.updated_at
            WHERE camera_health.updated_at <= EXCLUDED.updated_at
            """)

    /// Every camera with a photo is listed, its lot its own id until its site says otherwise.
    static let cameraSeen = CentralTables(
        table: "site_camera", columns: [.init("camera", "text"), .init("lot", "text", "r.camera")],
        onConflict: "ON CONFLICT DO NOTHING")

    static let camera = CentralTables(
        table: "site_camera", columns: [.init("camera", "text"), .init("lot", "text")],
        onConflict: "ON CONFLICT (site, camera) DO UPDATE SET lot = EXCLUDED.lot, updated_at = now()")
}
