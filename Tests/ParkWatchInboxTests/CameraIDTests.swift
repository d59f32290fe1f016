@testable import ParkWatchArchive
import Foundation
import Testing
@testable import ParkWatchInbox

@Suite struct CameraIDTests {
    static let nastyNames = [
        "../../etc", "a/b", "a\\b", "cam\u{0}1", "cam\n1", "c\u{E2}mera 1", "📷", "..", ".", "...",
        ".hidden", "", " ", "/", "-rf", String(repeating: "x", count: 300), "a\u{0301}", "\r\n\t",
    ]

    @Test func keepsCleanIDs() {
        #expect(CameraID.sanitize("cam-01_A.b") == "cam-01_A.b")
        #expect(CameraID.sanitize("Entrance2") == "Entrance2")
    }

    @Test func replacesPathSeparatorsAndControlCharacters() {
        #expect(CameraID.sanitize("a/b") == "a_b")
        #expect(CameraID.sanitize("a\\b") == "a_b")
        #expect(CameraID.sanitize("cam\u{0}1") == "cam_1")
        #expect(CameraID.sanitize("cam\n1") == "cam_1")
        #expect(CameraID.sanitize("north gate") == "north_gate")
    }

    @Test func replacesNonASCIIPerUnicodeScalar() {
        #expect(CameraID.sanitize("c\u{E2}mera") == "c_mera")
        #expect(CameraID.sanitize("📷") == "_")
        #expect(CameraID.sanitize("a\u{0301}") == "a_")  // combining accent is its own scalar
    }

    @Test func cannotClimbOrHide() {
        #expect(CameraID.sanitize("../../etc") == "_.._etc")
        #expect(CameraID.sanitize(".hidden") == "hidden")
        #expect(CameraID.sanitize("..") == CameraID.fallback)
        #expect(CameraID.sanitize(".") == CameraID.fallback)
        #expect(CameraID.sanitize("...") == CameraID.fallback)
    }

    @Test func emptyBecomesDefault() {
        #expect(CameraID.sanitize("") == "default")
    }

    @Test func capsAt64Characters() {
        let sanitized = CameraID.sanitize(String(repeating: "x", count: 300))
        #expect(sanitized.count == 64)
        #expect(CameraID.sanitize(String(repeating: "é", count: 300)).utf8.count == 64)
    }

    @Test(arguments: nastyNames)
    func resultIsAlwaysASafeSingleComponent(_ raw: String) {
        let sanitized = CameraID.sanitize(raw)
        #expect(!sanitized.isEmpty && sanitized.utf8.count <= 64)
        #expect(!sanitized.hasPrefix("."))
        #expect(sanitized.unicodeScalars.allSatisfy(SafeNameCharacters.isAllowed))
        #expect(CameraID.sanitize(sanitized) == sanitized)
    }

    @Test func fileNameKeepsExtension() {
        #expect(SafeFileName.sanitize("photo.jpg") == "photo.jpg")
        #expect(SafeFileName.sanitize("front gate 01.JPG") == "front_gate_01.JPG")
        #expect(SafeFileName.sanitize("日本.jpg") == "__.jpg")
        #expect(SafeFileName.sanitize("a\u{0}b.jpg") == "a_b.jpg")
        #expect(SafeFileName.sanitize("archive.tar.gz") == "archive.tar.gz")
    }

    @Test func fileNameNeverEmptyDotOrDotDot() {
        #expect(SafeFileName.sanitize("") == "photo")
        #expect(SafeFileName.sanitize(".") == "photo")
        #expect(SafeFileName.sanitize("..") == "photo")
        #expect(SafeFileName.sanitize(".jpg") == "jpg")
        #expect(SafeFileName.sanitize("../../etc/passwd") == "_.._etc_passwd")
    }

    @Test func fileNameCapKeepsExtension() {
        let long = SafeFileName.sanitize(String(repeating: "x", count: 300) + ".jpeg")
        #expect(long.utf8.count == 128)
        #expect(long.hasSuffix("x.jpeg"))
        let unicode = SafeFileName.sanitize(String(repeating: "ü", count: 300) + ".png")
        #expect(unicode.utf8.count == 128 && unicode.hasSuffix(".png"))
    }

    @Test func overlongExtensionIsTreatedAsName() {
        let name = SafeFileName.sanitize("x." + String(repeating: "y", count: 300))
        #expect(name.utf8.count == 128)
        #expect(name.hasPrefix("x.y"))
    }

    @Test(arguments: nastyNames)
    func fileNameIsAlwaysASafeSingleComponent(_ raw: String) {
        let sanitized = SafeFileName.sanitize(raw)
        #expect(!sanitized.isEmpty && sanitized.utf8.count <= 128)
        #expect(sanitized != "." && sanitized != ".." && !sanitized.hasPrefix("."))
        #expect(!sanitized.contains("/") && !sanitized.contains("\u{0}"))
        #expect(SafeFileName.sanitize(sanitized) == sanitized)
    }
}
