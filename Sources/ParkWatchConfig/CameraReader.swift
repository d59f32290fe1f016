import Foundation

/// Reads the `cameras` section. Each camera starts from the top-level settings and overrides some.
struct CameraReader {
    /// The top-level settings already read: time zone, detector, light correction, retention.
    let inherited: Configuration
    let baseDirectory: URL

    static let keys = ["layout", "lot", "capacity", "timezone", "detector", "light_correction", "stream", "every", "archive_days", "offline_after"]

    func readAll(_ field: Field) -> [String: CameraConfig] {
        guard let map = FieldMap.read(field, allowed: nil) else { return [:] }
        var cameras: [String: CameraConfig] = [:]
        for (id, entry) in map.entries {
            let isValidID = Field.isValidIdentifier(id)
            if !isValidID { entry.fail(Field.identifierProblem(id)) }
            // Read even under a bad id, so the mistakes inside are reported in the same pass.
            let camera = read(id: id, entry)
            if isValidID { cameras[id] = camera }
        }
        return cameras
    }

    private func read(id: String, _ field: Field) -> CameraConfig {
        var camera = CameraConfig(
            id: id, timeZone: inherited.timeZone, detector: inherited.detector, lightCorrection: inherited.lightCorrection,
            archiveDays: inherited.retention.archiveDays)
        guard let map = FieldMap.read(field, allowed: Self.keys) else { return camera }
        camera.layout = map["layout"].flatMap(existingLayout)
        if let lot = map["lot"]?.identifier() { camera.lot = lot }
        camera.capacity = map["capacity"]?.wholeNumber(in: 1...100_000)
        if let zone = map["timezone"]?.timeZone() { camera.timeZone = zone }
        if let detector = map["detector"] { camera.detector = DetectorReader.read(detector, over: camera.detector) }
        if let value = map["light_correction"]?.flag() { camera.lightCorrection = value }
        camera.stream = map["stream"].flatMap(streamURL)
        camera.every = map["every"]?.number(.positive)
        if let days = map["archive_days"]?.wholeNumber(in: 1...Int.max) { camera.archiveDays = days }
        if let seconds = map["offline_after"]?.number(.positive) { camera.offlineAfter = seconds }
        // Two sources for one number would disagree sooner or later.
        if map["layout"] != nil, let capacity = map["capacity"] {
            capacity.fail("give either a layout or a capacity, not both: the layout's spaces are the capacity")
        }
        return camera
    }

    /// The layout's absolute path, if the file is there.
    private func existingLayout(_ field: Field) -> String? {
        guard let path = field.path(base: baseDirectory) else { return nil }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            field.fail("layout file not found: \(path) (relative paths start at the config file's folder)")
            return nil
        }
        guard !isFolder.boolValue else {
            field.fail("\(path) is a folder; the layout must be a JSON file")
            return nil
        }
        return path
    }

    private func streamURL(_ field: Field) -> String? {
        guard let text = field.nonEmptyText() else { return nil }
        guard let url = URL(string: text), url.scheme != nil, !(url.host ?? "").isEmpty else {
            field.fail("must be a URL such as rtsp://camera.local/stream (got `\(text)`)")
            return nil
        }
        return text
    }
}
