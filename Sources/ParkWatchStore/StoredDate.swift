import Foundation
import GRDB

/// Reads the text GRDB stores dates as ("YYYY-MM-DD HH:MM:SS.SSS", UTC) without Foundation's
/// parsers, which cost more per row than everything else the report does with a reading.
enum StoredDate {
    /// Anything else GRDB can read (other precisions, a "T" separator, a zone) takes GRDB's path.
    static func parse(_ text: UnsafeBufferPointer<UInt8>) -> Date? {
        guard text.count == 19 || text.count == 23, let date = fixedFormat(text) else {
            return Date.fromDatabaseValue(String(decoding: text, as: UTF8.self).databaseValue)
        }
        return date
    }

    private static func fixedFormat(_ text: UnsafeBufferPointer<UInt8>) -> Date? {
        func number(_ start: Int, _ length: Int) -> Int? {
            var value = 0
            for index in start..<(start + length) {
                let digit = Int(text[index]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard text[4] == 45, text[7] == 45, text[10] == 32, text[13] == 58, text[16] == 58,
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var milliseconds = 0
        if text.count == 23 {
            guard text[19] == 46, let fraction = number(20, 3) else { return nil }
            milliseconds = fraction
        }
        let dayStart = daysFromCivil(year: year, month: month, day: day) * 86_400 - 978_307_200
        let timeOfDay = Double(hour * 3_600 + minute * 60 + second) + Double(milliseconds) / 1_000
        // The day's start plus the time of day with its fraction, in that order: Foundation's
        // Gregorian `date(from:)`, behind GRDB's decoding, sums so, and another order differs
        // in the last bit for about one date in 20,000.
        return Date(timeIntervalSinceReferenceDate: Double(dayStart) + timeOfDay)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-compatible
    /// low-level date algorithms").
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
