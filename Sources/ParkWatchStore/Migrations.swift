import GRDB

/// Schema history. Shipped migrations never change: add a new one instead.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1_photo") { db in try db.execute(sql: v1Photo) }
        return migrator
    }

    /// One row per file that entered the inbox. `filed` turns 1 once the file sits at
    /// `archived_path`: a row with `filed = 0` is a promise the next start keeps, which is how a
    /// crash between writing the row and moving the file neither loses nor recounts a photo.
    /// Only `ok` rows are counted, so content is unique among them.
    static let v1Photo = """
        CREATE TABLE photo (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            camera TEXT NOT NULL,
            file TEXT NOT NULL,
            source_path TEXT NOT NULL,
            sha256 TEXT,
            size_bytes INTEGER,
            status TEXT NOT NULL CHECK (status IN ('ok', 'rejected', 'duplicate')),
            error TEXT,
            vehicles INTEGER,
            width INTEGER,
            height INTEGER,
            captured_at TEXT NOT NULL,
            capture_source TEXT NOT NULL,
            received_at TEXT NOT NULL,
            archived_path TEXT NOT NULL,
            filed INTEGER NOT NULL DEFAULT 0,
            duplicate_of INTEGER REFERENCES photo(id),
            detect_ms REAL
        );
        CREATE UNIQUE INDEX photo_counted_sha256 ON photo(sha256) WHERE status = 'ok';
        CREATE INDEX photo_unfiled ON photo(sha256) WHERE filed = 0;
        CREATE INDEX photo_camera_captured ON photo(camera, captured_at);
        CREATE INDEX photo_captured ON photo(captured_at);
        """
}
