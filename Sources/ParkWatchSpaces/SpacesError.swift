/// Everything that can go wrong with layouts, masks, crops, the space classifier and overlays.
/// `description` is one line for a log or an operator, naming the file, field or space at fault.
package enum SpacesError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The layout file could not be read, or is not JSON / XML at all.
    case layoutUnreadable(path: String, reason: String)
    /// A field of the layout is missing, of the wrong type or out of range; `field` is its path, e.g. `spaces[3].polygon`.
    case invalidLayout(field: String, reason: String)
    /// One space is unusable: duplicate id, too few points, coordinates outside the image, no area.
    case invalidSpace(id: String, reason: String)
    case layoutWriteFailed(path: String, reason: String)
    case maskUnreadable(path: String, reason: String)
    case maskHasNoSpaces(path: String)
    case classifierNotFound(path: String)
    case classifierLoadFailed(path: String, reason: String)
    case classificationFailed(reason: String)
    case cropFailed(reason: String)
    case overlayWriteFailed(path: String, reason: String)
    /// No vehicle stood in one place in enough photos to propose a space there.
    case noParkedVehicles(photos: Int, minimumPhotos: Int)

    package var description: String {
        switch self {
        case .layoutUnreadable(let path, let reason): "layout \(path) could not be read: \(reason)"
        case .invalidLayout(let field, let reason): "invalid layout: \(field): \(reason)"
        case .invalidSpace(let id, let reason): "invalid layout: space \"\(id)\": \(reason)"
        case .layoutWriteFailed(let path, let reason): "layout could not be written to \(path): \(reason)"
        case .maskUnreadable(let path, let reason): "mask \(path) could not be read: \(reason)"
        case .maskHasNoSpaces(let path): "mask \(path) has no white region of 20 pixels or more"
        case .classifierNotFound(let path): "space classifier model not found at \(path)"
        case .classifierLoadFailed(let path, let reason): "space classifier at \(path) could not be loaded: \(reason)"
        case .classificationFailed(let reason): "space classification failed: \(reason)"
        case .cropFailed(let reason): "space crop failed: \(reason)"
        case .overlayWriteFailed(let path, let reason): "overlay could not be written to \(path): \(reason)"
        case .noParkedVehicles(let photos, let minimum):
            "no vehicle stood in one place in \(minimum) or more of the \(photos) photos read: give photos of busier hours or more of them (a day's)"
        }
    }
}
