/// The central database's schema history, as SQLite's is: shipped migrations never change, a new
/// one is added. Every table is keyed by the node's `site` and the row's id there, so a batch sent
/// twice (the node died before it saved its cursor) adds nothing the second time.
enum CentralSchema {
    struct Migration {
        let version: Int
        let name: String
        /// One statement each: the extended query protocol takes no more.
        let statements: [String]
    }

    static let migrations = [v1Readings, v2Bookings]

    /// Photos, their space readings and changes, layouts and camera health, as each site has them,
    /// with `site_camera` saying which lot each site's camera watches (lots may span sites).
    /// Times are `timestamptz`; the indexes serve reports by camera and time as SQLite's do. A
    /// reading arrives with its photo; a change goes in its own order, so it names its photo
    /// without a foreign key.
    static let v1Readings = Migration(version: 1, name: "readings", statements: [
        """
        CREATE TABLE site_camera (
            site text NOT NULL, camera text NOT NULL, lot text,
            updated_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (site, camera))
        """,
        """
        CREATE TABLE layout (
            site text NOT NULL, id bigint NOT NULL, camera text NOT NULL, space_ids text NOT NULL,
            PRIMARY KEY (site, id))
        """,
        """
        CREATE TABLE photo (
            site text NOT NULL, id bigint NOT NULL, camera text NOT NULL, file text NOT NULL,
            sha256 text, size_bytes bigint, status text NOT NULL CHECK (status IN ('ok', 'rejected', 'duplicate')),
            error text, vehicles integer, width integer, height integer,
            captured_at timestamptz NOT NULL, capture_source text NOT NULL, received_at timestamptz NOT NULL,
            archived_path text NOT NULL, duplicate_of bigint, detect_ms double precision,
            PRIMARY KEY (site, id))
        """,
        "CREATE INDEX photo_counted ON photo (site, camera, status, captured_at) INCLUDE (vehicles)",
        """
        CREATE TABLE space_reading (
            site text NOT NULL, photo_id bigint NOT NULL, layout_id bigint NOT NULL, camera text NOT NULL,
            captured_at timestamptz NOT NULL, total integer NOT NULL, occupied integer NOT NULL,
            free integer NOT NULL, unknown integer NOT NULL, free_spaces text NOT NULL,
            raw_states text NOT NULL, raw_confidence bytea NOT NULL,
            PRIMARY KEY (site, photo_id),
            FOREIGN KEY (site, photo_id) REFERENCES photo (site, id),
            FOREIGN KEY (site, layout_id) REFERENCES layout (site, id))
        """,
        "CREATE INDEX space_reading_counts ON space_reading (site, camera, captured_at, photo_id) INCLUDE (occupied, total)",
        """
        CREATE TABLE space_change (
            site text NOT NULL, id bigint NOT NULL, camera text NOT NULL, space text NOT NULL,
            at timestamptz NOT NULL, state text NOT NULL CHECK (state IN ('occupied', 'free', 'unknown')),
            confidence double precision NOT NULL, photo_id bigint NOT NULL,
            PRIMARY KEY (site, id))
        """,
        "CREATE INDEX space_change_by_space ON space_change (site, camera, space, at, id) INCLUDE (state)",
        """
        CREATE TABLE camera_health (
            site text NOT NULL, camera text NOT NULL, source text NOT NULL,
            state text NOT NULL CHECK (state IN ('online', 'offline')),
            online_since timestamptz, offline_since timestamptz, last_frame_at timestamptz, last_error text,
            reconnects integer NOT NULL DEFAULT 0, updated_at timestamptz NOT NULL,
            PRIMARY KEY (site, camera))
        """,
    ])

    /// Bookings every web node of every site shares. PostgreSQL itself refuses two live bookings of
    /// one space whose times overlap (an exclusion constraint over the half-open range, which
    /// needs `btree_gist` for the equality on text), so two nodes booking at once cannot both win.
    static let v2Bookings = Migration(version: 2, name: "bookings", statements: [
        "CREATE EXTENSION IF NOT EXISTS btree_gist",
        """
        CREATE TABLE booking (
            id bigserial PRIMARY KEY, lot text NOT NULL, space text NOT NULL,
            starts_at timestamptz NOT NULL, ends_at timestamptz NOT NULL, holder text NOT NULL,
            created_at timestamptz NOT NULL, cancelled_at timestamptz,
            CHECK (ends_at > starts_at),
            CONSTRAINT booking_no_overlap EXCLUDE USING gist (
                lot WITH =, space WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) WHERE (cancelled_at IS NULL))
        """,
        "CREATE INDEX booking_live_time ON booking (starts_at) WHERE cancelled_at IS NULL",
    ])
}
