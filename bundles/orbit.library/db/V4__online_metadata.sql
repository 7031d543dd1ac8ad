-- Schema version 4: the online metadata cache, the enrichment queue and provider states.
-- A provider's answer per entry, "not found" included (a negative entry), with its expiry.
CREATE TABLE OnlineMetadata (
    Provider        TEXT    NOT NULL,
    EntryId         INTEGER NOT NULL REFERENCES LibraryEntries (Id) ON DELETE CASCADE,
    Found           INTEGER NOT NULL,
    ProviderTrackId TEXT,
    BPM             REAL,
    MusicalKey      TEXT,
    DurationSeconds INTEGER,
    ISRC            TEXT,
    FetchedAt       TEXT    NOT NULL,
    ExpiresAt       TEXT    NOT NULL,
    PRIMARY KEY (Provider, EntryId)
);
CREATE INDEX IX_OnlineMetadata_EntryId ON OnlineMetadata (EntryId);
-- Entries waiting for enrichment: cache misses and explicit requests, drained oldest first.
CREATE TABLE EnrichmentQueue (
    EntryId   INTEGER PRIMARY KEY REFERENCES LibraryEntries (Id) ON DELETE CASCADE,
    QueuedAt  TEXT    NOT NULL,
    Attempts  INTEGER NOT NULL DEFAULT 0,
    LastError TEXT
);
CREATE INDEX IX_EnrichmentQueue_QueuedAt ON EnrichmentQueue (QueuedAt);
-- What a provider's circuit breaker and a 403 decided, so that every process sees it.
CREATE TABLE ProviderStates (
    Provider             TEXT PRIMARY KEY,
    OpenUntil            TEXT,
    DisabledCapabilities TEXT NOT NULL DEFAULT '',
    LastError            TEXT,
    UpdatedAt            TEXT NOT NULL
);
