import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Layouts made from other tools' files.
package enum LayoutImport {
    /// A PKLot XML file: `<parking id><space id occupied><rotatedRect/><contour><point x y/>…`.
    /// Ids are kept as in the file; each space's polygon is its contour (its rotated rectangle when
    /// the contour is missing). PKLot files do not say the frame size, so imageWidth/Height are nil
    /// (`frame(labelledBy:)` and `LotLayout.takeSize(of:)` give them).
    /// `occupied` holds the spaces that carry an `occupied` attribute.
    package static func fromPKLot(_ xml: URL) throws(SpacesError) -> (layout: LotLayout, occupied: [String: Bool]) {
        let labels = try readPKLot(xml)
        try labels.layout.validate()
        return labels
    }

    /// A PKLot XML file as the layout of `photo`, the frame it labels: the frame's size is
    /// recorded, and points a little past its edge are moved onto it (`LotLayout.clippedToImage`).
    /// `clipped`: the spaces whose outline reached past the edge.
    package static func fromPKLot(_ xml: URL, labelling photo: URL) throws(SpacesError) -> (layout: LotLayout, clipped: [String]) {
        var layout = try readPKLot(xml).layout
        try layout.takeSize(of: photo)
        let fitted = layout.clippedToImage()
        try fitted.layout.validate()
        return fitted
    }

    /// The image of the same name beside a PKLot XML file, if there is one: the frame it labels.
    package static func frame(labelledBy xml: URL) -> URL? {
        let stem = xml.deletingPathExtension()
        return ["png", "jpg", "jpeg"].map { stem.appendingPathExtension($0) }.first { FileManager.default.isReadableFile(atPath: $0.path) }
    }

    /// The same, without `validate()`: for datasets, where a few broken spaces among good ones should
    /// cost only themselves (`LotLayout.usableSpaces`), not the whole frame.
    package static func readPKLot(_ xml: URL) throws(SpacesError) -> (layout: LotLayout, occupied: [String: Bool]) {
        let data: Data
        do {
            data = try Data(contentsOf: xml)
        } catch {
            throw .layoutUnreadable(path: xml.path, reason: error.localizedDescription)
        }
        let reader = PKLotReader()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        let parsed = parser.parse()
        if let problem = reader.problem { throw problem }
        // libxml2 on Linux accepts a file cut off mid-element, so unclosed elements are checked here.
        guard parsed, reader.openElements.isEmpty else {
            let reason = parser.parserError.map { "not well-formed XML (\($0.localizedDescription))" }
                ?? "XML ends inside <\(reader.openElements.last ?? "?")>"
            throw .layoutUnreadable(path: xml.path, reason: "\(reason) near line \(parser.lineNumber)")
        }
        return (LotLayout(lot: reader.lot, normalized: false, spaces: reader.spaces), reader.occupied)
    }
}

/// SAX-style reader for PKLot's XML. Used by one parse on one thread, never shared.
private final class PKLotReader: NSObject, XMLParserDelegate {
    var lot: String?
    var spaces: [ParkingSpace] = []
    var occupied: [String: Bool] = [:]
    var problem: SpacesError?
    private(set) var openElements: [String] = []

    private var spaceID: String?
    private var contour: [Point] = []
    private var inContour = false
    private var rect = (cx: 0.0, cy: 0.0, w: 0.0, h: 0.0, angle: 0.0)
    private var hasRect = false

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        let number = { (key: String) in attributes[key].flatMap(Double.init) }
        openElements.append(name)
        switch name.lowercased() {
        case "parking": lot = attributes["id"]
        case "space": startSpace(attributes)
        case "contour": inContour = true
        case "point" where inContour:
            guard let x = number("x"), let y = number("y") else { return fail(parser, "a contour point without numeric x and y") }
            contour.append(Point(x: x, y: y))
        case "center": (rect.cx, rect.cy) = (number("x") ?? 0, number("y") ?? 0)
        case "size": (rect.w, rect.h, hasRect) = (number("w") ?? 0, number("h") ?? 0, true)
        case "angle": rect.angle = number("d") ?? 0
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        _ = openElements.popLast()
        switch name.lowercased() {
        case "contour": inContour = false
        case "space": endSpace(parser)
        default: break
        }
    }

    private func startSpace(_ attributes: [String: String]) {
        spaceID = attributes["id"] ?? String(spaces.count + 1)
        contour = []
        hasRect = false
        rect = (0, 0, 0, 0, 0)
        // A repeated id keeps its first label, as `LotLayout.usableSpaces` keeps its first polygon.
        if let flag = attributes["occupied"], let id = spaceID, occupied[id] == nil {
            occupied[id] = flag == "1" || flag.lowercased() == "true"
        }
    }

    private func endSpace(_ parser: XMLParser) {
        guard let id = spaceID else { return }
        let polygon = contour.count >= 3 ? contour : (hasRect ? rotatedRectCorners() : contour)
        spaces.append(ParkingSpace(id: id, polygon: polygon))
        spaceID = nil
    }

    /// Corners of an OpenCV RotatedRect (centre, size, angle in degrees), as RotatedRect::points computes them.
    private func rotatedRectCorners() -> [Point] {
        let radians = rect.angle * .pi / 180
        let b = cos(radians) * 0.5, a = sin(radians) * 0.5
        let p0 = Point(x: rect.cx - a * rect.h - b * rect.w, y: rect.cy + b * rect.h - a * rect.w)
        let p1 = Point(x: rect.cx + a * rect.h - b * rect.w, y: rect.cy - b * rect.h - a * rect.w)
        let p2 = Point(x: 2 * rect.cx - p0.x, y: 2 * rect.cy - p0.y)
        let p3 = Point(x: 2 * rect.cx - p1.x, y: 2 * rect.cy - p1.y)
        return [p0, p1, p2, p3]
    }

    private func fail(_ parser: XMLParser, _ reason: String) {
        problem = .invalidSpace(id: spaceID ?? "?", reason: "\(reason) (line \(parser.lineNumber))")
        parser.abortParsing()
    }
}
