import GRDB

/// Schema history. Shipped migrations never change: add a new one instead.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1_photo") { db in try db.execute(sql: v1Photo) }
        migrator.registerMigration("v2_spaces") { db in try db.execute(sql: v2Spaces) }
        migrator.registerMigration("v3_bookings") { db in try db.execute(sql: v3Bookings) }
        migrator.registerMigration("v4_camera_health") { db in try db.execute(sql: v4CameraHealth) }
        migrator.registerMigration("v5_report_indexes") { db in try db.execute(sql: v5ReportIndexes) }
        migrator.registerMigration("v6_calibration") { db in try db.execute(sql: v6Calibration) }
        migrator.registerMigration("v7_camera_history") { db in try db.execute(sql: v7CameraHistory) }
        migrator.registerMigration("v8_webhooks") { db in try db.execute(sql: v8Webhooks) }
        migrator.registerMigration("v9_central_cursor") { db in try db.execute(sql: v9CentralCursor) }
        migrator.registerMigration("v10_view_shift") { db in try db.execute(sql: v10ViewShift) }
        migrator.registerMigration("v11_labelled_looks") { db in try db.execute(sql: v11LabelledLooks) }
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

    /// Per-space occupancy, sized for months of photos: a layout's space ids are stored once;
    /// each photo adds one `space_reading` row (about 100 bytes for 40 spaces: counts, the free
    /// ids, and the raw per-space states as one character and one byte of confidence each);
    /// `space_change` grows only when a space's confirmed state changes; `space_track` holds the
    /// anti-flicker state of each space, one row per space, so a restart continues where it stopped.
    static let v2Spaces = """
        CREATE TABLE layout (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            camera TEXT NOT NULL,
            space_ids TEXT NOT NULL,
            UNIQUE (camera, space_ids)
        );
        CREATE TABLE space_reading (
            photo_id INTEGER PRIMARY KEY REFERENCES photo(id),
            layout_id INTEGER NOT NULL REFERENCES layout(id),
            camera TEXT NOT NULL,
            captured_at TEXT NOT NULL,
            total INTEGER NOT NULL,
            occupied INTEGER NOT NULL,
            free INTEGER NOT NULL,
            unknown INTEGER NOT NULL,
            free_spaces TEXT NOT NULL,
            raw_states TEXT NOT NULL,
            raw_confidence BLOB NOT NULL,
            overlay_path TEXT
        );
        CREATE INDEX space_reading_camera_captured ON space_reading(camera, captured_at);
        CREATE TABLE space_change (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            camera TEXT NOT NULL,
            space TEXT NOT NULL,
            at TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('occupied', 'free', 'unknown')),
            confidence REAL NOT NULL,
            photo_id INTEGER NOT NULL REFERENCES photo(id)
        );
        CREATE INDEX space_change_camera_at ON space_change(camera, at);
        CREATE TABLE space_track (
            camera TEXT NOT NULL,
            space TEXT NOT NULL,
            state TEXT NOT NULL,
            confidence REAL NOT NULL,
            candidate_state TEXT,
            candidate_count INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (camera, space)
        );
        """

    /// Reservations of parking spaces. Times are stored as GRDB writes dates (UTC text that sorts
    /// as it compares), so overlap is plain string comparison. A live booking is one not
    /// cancelled; two live bookings of one space never overlap: the web layer checks inside its
    /// write transaction, and the triggers refuse any row that would break the rule anyway.
    static let v3Bookings = """
        CREATE TABLE booking (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            lot TEXT NOT NULL,
            space TEXT NOT NULL,
            starts_at TEXT NOT NULL,
            ends_at TEXT NOT NULL,
            holder TEXT NOT NULL,
            created_at TEXT NOT NULL,
            cancelled_at TEXT,
            CHECK (ends_at > starts_at)
        );
        CREATE INDEX booking_live_space ON booking(lot, space, starts_at) WHERE cancelled_at IS NULL;
        CREATE INDEX booking_live_time ON booking(starts_at) WHERE cancelled_at IS NULL;
        CREATE TRIGGER booking_no_overlap BEFORE INSERT ON booking
        WHEN NEW.cancelled_at IS NULL AND EXISTS (
            SELECT 1 FROM booking WHERE lot = NEW.lot AND space = NEW.space AND cancelled_at IS NULL
                AND starts_at < NEW.ends_at AND ends_at > NEW.starts_at)
        BEGIN SELECT RAISE(ABORT, 'booking_overlap'); END;
        CREATE TRIGGER booking_no_overlap_update BEFORE UPDATE OF lot, space, starts_at, ends_at, cancelled_at ON booking
        WHEN NEW.cancelled_at IS NULL AND EXISTS (
            SELECT 1 FROM booking WHERE id != NEW.id AND lot = NEW.lot AND space = NEW.space AND cancelled_at IS NULL
                AND starts_at < NEW.ends_at AND ends_at > NEW.starts_at)
        BEGIN SELECT RAISE(ABORT, 'booking_overlap'); END;
        """

    /// The connection state of each streaming camera, one row per camera, replaced as it changes.
    /// `offline_since` is when the current outage began (kept through every failed retry);
    /// `last_frame_at` is the wall-clock time of the newest frame analysed, online or not.
    static let v4CameraHealth = """
        CREATE TABLE camera_health (
            camera TEXT PRIMARY KEY NOT NULL,
            source TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('online', 'offline')),
            online_since TEXT,
            offline_since TEXT,
            last_frame_at TEXT,
            last_error TEXT,
            reconnects INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL
        );
        """

    /// A year's report reads millions of counts. These indexes hold every column it reads, in the
    /// order it reads them (the row id breaks ties of time), so it neither visits the wide rows
    /// (paths, free ids, raw states) nor sorts: docs/benchmarks.md has the figures. The
    /// old reading index is a prefix of the new one, so it goes.
    static let v5ReportIndexes = """
        CREATE INDEX space_reading_counts ON space_reading(camera, captured_at, photo_id, occupied, total);
        DROP INDEX space_reading_camera_captured;
        CREATE INDEX photo_counted ON photo(camera, status, captured_at, id, vehicles);
        CREATE INDEX space_change_by_space ON space_change(camera, space, at, id, state);
        """

    /// What a camera learns from its own labels: `space_label`, a person's verdict on a space of
    /// a stored photo (one row per space labelled, the newest verdict replacing the old); and
    /// `camera_fusion`, the weights `parkwatch calibrate` fitted for a camera (JSON, as the
    /// occupancy module encodes them), which the running service reads for each frame.
    static let v6Calibration = """
        CREATE TABLE space_label (
            photo_id INTEGER NOT NULL REFERENCES photo(id),
            space TEXT NOT NULL,
            occupied INTEGER NOT NULL CHECK (occupied IN (0, 1)),
            labelled_at TEXT NOT NULL,
            PRIMARY KEY (photo_id, space)
        );
        CREATE TABLE camera_fusion (
            camera TEXT PRIMARY KEY NOT NULL,
            weights TEXT NOT NULL,
            labels INTEGER NOT NULL,
            fitted_at TEXT NOT NULL
        );
        """

    /// What a camera learns from its own unlabelled frames (the occupancy module's
    /// `HistoryAdaptation`, as JSON), so that it survives a restart.
    static let v7CameraHistory = """
        CREATE TABLE camera_history (
            camera TEXT PRIMARY KEY NOT NULL,
            adaptation TEXT NOT NULL,
            frames INTEGER NOT NULL,
            updated_at TEXT NOT NULL
        );
        """

    /// Events for webhooks: `webhook_outbox` holds one row per event and receiver, written in the
    /// transaction of the reading that caused it and kept until delivered, so a crash or a
    /// receiver that is down delays an event, never loses it; `event_id` is the delivery's stable
    /// id, sent again on every retry. `webhook_lot_state` is whether a receiver last heard a lot
    /// was full, the memory its thresholds' hysteresis needs. `upload_camera_state` is whether a
    /// camera that uploads photos went dark (no photo for its `offline_after`), and since when.
    static let v8Webhooks = """
        CREATE TABLE webhook_outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            event_id TEXT NOT NULL UNIQUE,
            target TEXT NOT NULL,
            event TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            delivered_at TEXT,
            last_error TEXT
        );
        CREATE INDEX webhook_outbox_pending ON webhook_outbox(target, id) WHERE delivered_at IS NULL;
        CREATE TABLE webhook_lot_state (
            target TEXT NOT NULL,
            lot TEXT NOT NULL,
            full INTEGER NOT NULL CHECK (full IN (0, 1)),
            PRIMARY KEY (target, lot)
        );
        CREATE TABLE upload_camera_state (
            camera TEXT PRIMARY KEY NOT NULL,
            offline INTEGER NOT NULL CHECK (offline IN (0, 1)),
            since TEXT NOT NULL
        );
        """

    /// How far this node's rows have reached a central database: the last photo, layout and space
    /// change forwarded (local ids, which only grow) and the newest camera health forwarded, per
    /// central database and site (`target`), so pointing a node at a new one starts from the beginning.
    static let v9CentralCursor = """
        CREATE TABLE central_cursor (
            target TEXT PRIMARY KEY NOT NULL,
            photo_id INTEGER NOT NULL DEFAULT 0,
            layout_id INTEGER NOT NULL DEFAULT 0,
            change_id INTEGER NOT NULL DEFAULT 0,
            health_updated_at TEXT NOT NULL DEFAULT '',
            forwarded_at TEXT
        );
        """

    /// Whether a photo's spaces were read where its layout was drawn or carried to where the
    /// camera's view had moved (`PhotoRecord.viewShiftPx`).
    static let v10ViewShift = """
        ALTER TABLE photo ADD COLUMN view_shift_px REAL;
        """

    /// What `parkwatch calibrate` learns beside the weights: how each space of the camera looked
    /// where its labels say it was free (the occupancy module's `EmptyLooks`, as JSON; NULL for
    /// none), and whether the detector boxed the labelled vehicles (a side view).
    static let v11LabelledLooks = """
        ALTER TABLE camera_fusion ADD COLUMN empty_looks TEXT;
        ALTER TABLE camera_fusion ADD COLUMN side_view INTEGER NOT NULL DEFAULT 0 CHECK (side_view IN (0, 1));
        """
}
