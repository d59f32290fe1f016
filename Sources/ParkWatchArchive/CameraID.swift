import Foundation

/// Camera names arrive from camera firmware and FTP user names, so they are untrusted: they end up as
/// a directory name in the archive and must never be able to climb out of it or hide in it.
package enum CameraID {
    package static let fallback = "default"
    package static let maxLength = 64

    /// Keeps `[A-Za-z0-9._-]`, turns every other character into `_`, strips leading dots and caps the
    /// length. Idempotent, so already-clean IDs pass through unchanged.
    package static func sanitize(_ raw: String) -> String {
        let cleaned = SafeNameCharacters.replacingUnsafe(raw)
        let visible = SafeNameCharacters.droppingLeadingDots(cleaned)
        let capped = String(visible.prefix(maxLength))
        return capped.isEmpty ? fallback : capped
    }
}

/// File names for the archive: same character rules as `CameraID`, but the extension survives so the
/// archived photo still opens in a viewer.
package enum SafeFileName {
    package static let fallback = "photo"
    package static let maxBytes = 128
    /// Longer "extensions" are just part of the name (e.g. `report.final-version-2025`).
    static let maxExtensionLength = 10

    package static func sanitize(_ raw: String) -> String {
        let cleaned = SafeNameCharacters.droppingLeadingDots(SafeNameCharacters.replacingUnsafe(raw))
        let (stem, ext) = splitExtension(cleaned)
        guard let ext else { return capped(stem, limit: maxBytes, orElse: fallback) }
        let suffix = "." + ext
        let stemPart = capped(stem, limit: maxBytes - suffix.count, orElse: fallback)
        return stemPart + suffix
    }

    /// Splits at the last dot; the result has no stem only when the name had none (never after
    /// `sanitize`, which strips leading dots first).
    static func splitExtension(_ name: String) -> (stem: String, ext: String?) {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (name, nil) }
        let ext = String(name[name.index(after: dot)...])
        guard !ext.isEmpty, ext.count <= maxExtensionLength else { return (name, nil) }
        return (String(name[..<dot]), ext)
    }

    private static func capped(_ text: String, limit: Int, orElse fallback: String) -> String {
        // Everything left is ASCII, so characters and bytes agree.
        let prefix = String(text.prefix(max(0, limit)))
        return prefix.isEmpty ? fallback : prefix
    }
}

/// The shared character policy of `CameraID` and `SafeFileName`.
enum SafeNameCharacters {
    static let replacement: Character = "_"

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true  // 0-9 A-Z a-z
        case 0x2E, 0x5F, 0x2D: true  // . _ -
        default: false
        }
    }

    /// Works on Unicode scalars rather than grapheme clusters so the result does not depend on the
    /// Unicode version's segmentation rules (a combining accent becomes its own `_`).
    static func replacingUnsafe(_ raw: String) -> String {
        var result = ""
        result.reserveCapacity(raw.unicodeScalars.count)
        for scalar in raw.unicodeScalars {
            result.append(isAllowed(scalar) ? Character(scalar) : replacement)
        }
        return result
    }

    /// Leading dots would make `.`/`..` path components or hidden entries.
    static func droppingLeadingDots(_ text: String) -> String {
        String(text.drop(while: { $0 == "." }))
    }
}
