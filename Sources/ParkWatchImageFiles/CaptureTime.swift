import Foundation

package enum CaptureTimeSource: String, Sendable, Codable {
    case exif
    case fileName = "file_name"
    case modified = "mtime"
}

/// When a photo was taken, and how we know.
package struct CaptureTime: Sendable, Equatable {
    package var date: Date
    package var source: CaptureTimeSource

    package init(date: Date, source: CaptureTimeSource) {
        self.date = date
        self.source = source
    }

    /// EXIF first (the camera's own record), then a timestamp in the file name, then the file's
    /// mtime, which only says when the upload finished. Wall-clock times without a UTC offset are
    /// read in `timeZone`, the camera's zone.
    package static func resolve(data: Data, fileName: String, modified: Date, timeZone: TimeZone = .gmt) -> CaptureTime {
        if let exif = ExifReader.dateTimeOriginal(in: data) {
            let zone = exif.utcOffsetSeconds.flatMap { TimeZone(secondsFromGMT: $0) } ?? timeZone
            if let date = absoluteDate(exif.components, in: zone) {
                return CaptureTime(date: date, source: .exif)
            }
        }
        if let components = FileNameTimestamp.components(in: fileName),
           let date = absoluteDate(components, in: timeZone) {
            return CaptureTime(date: date, source: .fileName)
        }
        return CaptureTime(date: modified, source: .modified)
    }

    /// In a DST gap or overlap Foundation picks a nearby instant, which is as good as a camera
    /// without an offset lets us do.
    static func absoluteDate(_ components: DateComponents, in zone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: components)
    }
}

/// Timestamps CCTV cameras and FTP uploaders put in file names, e.g. `20250101_120000`,
/// `20250101120000`, `2013-02-22_06_25_00`, `2025-01-01T12-00-00`, `2025-01-01 12.00.00`,
/// `IMG_20250101_120000_123`, `cam1_2025-01-01_12-00-00.jpg`, `20150703_0805_14.jpg`.
package enum FileNameTimestamp {
    private static let dateSeparators: Set<UInt8> = Set("-_.".utf8)
    private static let dateTimeSeparators: Set<UInt8> = Set("_-T. ".utf8)
    private static let timeSeparators: Set<UInt8> = Set("-_.:".utf8)

    /// The first valid `YYYY?MM?DD?hh?mm?ss` that is a whole digit run (not inside a longer number).
    package static func components(in name: String) -> DateComponents? {
        let chars = Array(name.utf8)
        for start in chars.indices where startsDigitRun(chars, at: start) {
            if let found = match(chars, at: start) { return found }
        }
        return nil
    }

    private static func startsDigitRun(_ chars: [UInt8], at index: Int) -> Bool {
        TimestampDigits.isDigit(chars[index]) && (index == 0 || !TimestampDigits.isDigit(chars[index - 1]))
    }

    private static func match(_ chars: [UInt8], at start: Int) -> DateComponents? {
        var cursor = start
        func number(_ count: Int) -> Int? {
            defer { cursor += count }
            return TimestampDigits.value(chars, at: cursor, count: count)
        }
        func separator(from allowed: Set<UInt8>) -> UInt8? {
            guard cursor < chars.count, allowed.contains(chars[cursor]) else { return nil }
            defer { cursor += 1 }
            return chars[cursor]
        }
        guard let year = number(4) else { return nil }
        let dateSeparator = separator(from: dateSeparators)
        guard let month = number(2) else { return nil }
        // The date uses one separator style throughout ("2025-01-01", not "2025-01_01").
        if let dateSeparator, separator(from: [dateSeparator]) == nil { return nil }
        guard let day = number(2) else { return nil }
        _ = separator(from: dateTimeSeparators)
        guard let hour = number(2) else { return nil }
        _ = separator(from: timeSeparators)
        guard let minute = number(2) else { return nil }
        _ = separator(from: timeSeparators)
        guard let second = number(2) else { return nil }
        guard cursor >= chars.count || !TimestampDigits.isDigit(chars[cursor]) else { return nil }
        return WallClockFields.components(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }
}

/// Range checks shared by every source of wall-clock fields.
enum WallClockFields {
    /// Years outside this window are corrupt fields or numbers that only look like dates.
    static let plausibleYears = 1970...2199

    static func components(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> DateComponents? {
        guard plausibleYears.contains(year), (1...12).contains(month),
              (1...daysIn(month: month, year: year)).contains(day),
              (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second) else { return nil }
        return DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }
}
