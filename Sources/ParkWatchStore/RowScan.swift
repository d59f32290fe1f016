import Foundation
import GRDB
import GRDBSQLite

/// The current row of a scan, read by column index straight from SQLite.
struct ScannedRow {
    fileprivate let statement: OpaquePointer

    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(statement, column)) }
    /// A stored date column; nil for NULL or text that is no date.
    func date(_ column: Int32) -> Date? {
        guard let text = sqlite3_column_text(statement, column) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, column))
        return StoredDate.parse(UnsafeBufferPointer(start: text, count: count))
    }
    func string(_ column: Int32) -> String {
        sqlite3_column_text(statement, column).map { String(cString: $0) } ?? ""
    }
}

extension Database {
    /// Steps a query and hands each row to `body`. The report reads millions of rows; GRDB's
    /// row cursor costs about twice what SQLite does per row, this loop almost nothing.
    func scan(_ sql: String, arguments: StatementArguments, _ body: (ScannedRow) throws -> Void) throws {
        let statement = try makeStatement(sql: sql)
        try statement.setArguments(arguments)
        let raw = statement.sqliteStatement
        defer { sqlite3_reset(raw) }
        while true {
            let code = sqlite3_step(raw)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: lastErrorMessage, sql: sql) }
            try body(ScannedRow(statement: raw))
        }
    }
}
