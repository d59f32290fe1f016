import Crypto
import Foundation

/// A photo's identity, and the images of a folder as the evaluation and label commands read them.
package enum ImageFolder {
    /// Lower-case hex SHA-256 of a file's bytes: the identity that makes a photo count once, names
    /// an upload, and matches a label file's image to the stored photo.
    package static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    static let imageExtensions: Set<String> = ["jpg", "jpeg", "png", "bmp", "webp"]

    /// Every image below `folder`, by path. Hidden files and folders are left out: macOS copies of
    /// a dataset carry a `._name.jpg` (resource fork, not an image) beside every image.
    package static func images(under folder: URL) -> [URL] {
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
        return (walker?.allObjects as? [URL] ?? [])
            .filter { imageExtensions.contains($0.pathExtension.lowercased()) }
            .sorted { $0.path < $1.path }
    }
}
