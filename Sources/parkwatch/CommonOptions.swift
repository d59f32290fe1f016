import ArgumentParser
import Foundation
import ParkWatchStore

/// An instant typed on the command line: `2013-02-22`, `2013-02-22T06:00`, `…Z` or `…+01:00` (no zone = UTC).
struct Instant: ExpressibleByArgument {
    let date: Date
    let text: String

    init?(argument: String) {
        guard let date = ISOTime.parse(argument) else { return nil }
        self.date = date
        text = argument
    }

    /// A time written without a zone read in `zone` (e.g. a report's `--tz`).
    func date(in zone: TimeZone) -> Date { ISOTime.parse(text, timeZone: zone) ?? date }

    static var defaultValueDescription: String { "ISO 8601" }
}

struct DatabaseOption: ParsableArguments {
    @Option(name: .customLong("db"), help: "SQLite database file (default: the configuration's database, else parkwatch.sqlite).")
    var path: String?

    /// The flag, else `configured` (a configuration file's `database`), else `parkwatch.sqlite`.
    /// Reading commands never create an empty database by mistake.
    func openExisting(configured: String? = nil) throws -> ParkWatchDatabase {
        let path = path ?? configured ?? "parkwatch.sqlite"
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIError.databaseMissing(path: path)
        }
        return try ParkWatchDatabase(path: path)
    }
}

struct WindowOptions: ParsableArguments {
    @Option(help: "Only this camera.")
    var camera: String?

    @Option(help: "Start of the window on captured_at (inclusive).")
    var from: Instant?

    @Option(help: "End of the window on captured_at (exclusive).")
    var to: Instant?

    func validate() throws {
        if let from, let to, to.date <= from.date {
            throw ValidationError("--to must be after --from")
        }
    }

    var filter: PhotoFilter { PhotoFilter(camera: camera, from: from?.date, to: to?.date) }
}

enum CLIError: Error, CustomStringConvertible {
    case databaseMissing(path: String)
    case someImagesFailed(count: Int)

    var description: String {
        switch self {
        case .databaseMissing(let path): "no database at \(path) (run `parkwatch watch` first, or pass --db)"
        case .someImagesFailed(let count): "\(count) image(s) could not be analysed"
        }
    }
}

enum JSONOutput {
    static func print<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        Swift.print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}
