-- Schema version 8: better copies of library tracks, each kept with its verdict and reason; a
-- candidate whose track another process holds is Deferred until NextRetryTime (seed 000), with
-- who held it; a done upgrade keeps the replaced path and where the original was kept, for undo.
CREATE TABLE UpgradeCandidates (
    Id               INTEGER PRIMARY KEY,
    FilePath         TEXT    NOT NULL UNIQUE,
    EntryId          INTEGER REFERENCES LibraryEntries (Id) ON DELETE SET NULL,
    Format           TEXT,
    Bitrate          INTEGER,
    BitsPerSample    INTEGER,
    SampleRate       INTEGER,
    DurationSeconds  REAL,
    State            TEXT    NOT NULL CHECK (State IN ('Ready', 'Rejected', 'Deferred', 'Done', 'Undone', 'Failed')),
    Reason           TEXT    NOT NULL,
    Confidence       REAL,
    OffsetMs         REAL,
    FoundAt          TEXT    NOT NULL,
    NextRetryTime    TEXT,
    HeldBy           TEXT,
    UpgradeSource    TEXT    CHECK (UpgradeSource IS NULL OR UpgradeSource IN ('Auto', 'Manual')),
    ReplacedFilePath TEXT,
    KeptOriginalPath TEXT,
    UpgradedAt       TEXT
);
CREATE INDEX IX_UpgradeCandidates_EntryId ON UpgradeCandidates (EntryId);
CREATE INDEX IX_UpgradeCandidates_Due ON UpgradeCandidates (NextRetryTime) WHERE State = 'Deferred';
