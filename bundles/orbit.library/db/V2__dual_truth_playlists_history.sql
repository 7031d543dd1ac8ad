-- Schema version 2: dual truth, integrity, upgrade tracking, rescans, duplicates, playlists
-- and the audit trail. Only ADD COLUMN and new tables: every V1 row is kept as it was.
ALTER TABLE LibraryEntries ADD COLUMN SpotifyBPM REAL;
ALTER TABLE LibraryEntries ADD COLUMN SpotifyKey TEXT;
ALTER TABLE LibraryEntries ADD COLUMN SpotifyDuration INTEGER;
ALTER TABLE LibraryEntries ADD COLUMN SpotifyTrackId TEXT;
ALTER TABLE LibraryEntries ADD COLUMN ManualBPM REAL;
ALTER TABLE LibraryEntries ADD COLUMN ManualKey TEXT;
-- 0 Pending, 1 Bronze, 2 Silver, 3 Gold (the seed's numbering).
ALTER TABLE LibraryEntries ADD COLUMN IntegrityLevel INTEGER NOT NULL DEFAULT 0 CHECK (IntegrityLevel BETWEEN 0 AND 3);
-- Set when the user declared the entry Gold, so a later evaluation never demotes it.
ALTER TABLE LibraryEntries ADD COLUMN UserVerifiedGold INTEGER NOT NULL DEFAULT 0;
ALTER TABLE LibraryEntries ADD COLUMN LastUpgradeScanAt TEXT;
ALTER TABLE LibraryEntries ADD COLUMN LastUpgradeAt TEXT;
ALTER TABLE LibraryEntries ADD COLUMN UpgradeSource TEXT CHECK (UpgradeSource IS NULL OR UpgradeSource IN ('Auto', 'Manual'));
-- File modification time (epoch milliseconds): with FileSize it lets a rescan skip unchanged files.
ALTER TABLE LibraryEntries ADD COLUMN FileModifiedAt INTEGER;
-- Set when a rescan no longer finds the file: the entry and its history are kept.
ALTER TABLE LibraryEntries ADD COLUMN MissingSince TEXT;
CREATE INDEX IX_LibraryEntries_IntegrityLevel ON LibraryEntries (IntegrityLevel);
CREATE INDEX IX_LibraryEntries_LastUpgradeScanAt ON LibraryEntries (LastUpgradeScanAt) WHERE LastUpgradeScanAt IS NOT NULL;

-- Files whose UniqueHash is already held by a canonical entry: reported, never merged away.
CREATE TABLE DuplicateFiles (
    Id         INTEGER PRIMARY KEY,
    EntryId    INTEGER NOT NULL REFERENCES LibraryEntries (Id) ON DELETE CASCADE,
    UniqueHash TEXT    NOT NULL,
    FilePath   TEXT    NOT NULL UNIQUE,
    FileSize   INTEGER NOT NULL DEFAULT 0,
    SeenAt     TEXT    NOT NULL
);
CREATE INDEX IX_DuplicateFiles_EntryId ON DuplicateFiles (EntryId);

-- The audit trail: every metadata change with its old and new value, source and time.
CREATE TABLE LibraryEntryHistory (
    Id        INTEGER PRIMARY KEY,
    EntryId   INTEGER NOT NULL REFERENCES LibraryEntries (Id) ON DELETE CASCADE,
    Field     TEXT    NOT NULL,
    OldValue  TEXT,
    NewValue  TEXT,
    Source    TEXT    NOT NULL CHECK (Source IN ('User', 'FileTags', 'OnlineProvider', 'Upgrade')),
    ChangedAt TEXT    NOT NULL
);
CREATE INDEX IX_LibraryEntryHistory_EntryId ON LibraryEntryHistory (EntryId, Id);

CREATE TABLE PlaylistJobs (
    Id              INTEGER PRIMARY KEY,
    SourceTitle     TEXT    NOT NULL,
    SourceType      TEXT    NOT NULL CHECK (SourceType IN ('Spotify', 'CSV', 'M3U', 'Manual')),
    SourceUrl       TEXT,
    CreatedAt       TEXT    NOT NULL,
    TotalTracks     INTEGER NOT NULL DEFAULT 0,
    SuccessfulCount INTEGER NOT NULL DEFAULT 0,
    FailedCount     INTEGER NOT NULL DEFAULT 0,
    MissingCount    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE PlaylistTracks (
    Id               INTEGER PRIMARY KEY,
    PlaylistId       INTEGER NOT NULL REFERENCES PlaylistJobs (Id) ON DELETE CASCADE,
    Position         INTEGER NOT NULL,
    TrackUniqueHash  TEXT    NOT NULL,
    Artist           TEXT,
    Title            TEXT,
    Album            TEXT,
    Status           TEXT    NOT NULL CHECK (Status IN ('Pending', 'Matched', 'Missing', 'Failed')),
    ResolvedFilePath TEXT,
    Rating           INTEGER CHECK (Rating IS NULL OR Rating BETWEEN 1 AND 5),
    IsLiked          INTEGER NOT NULL DEFAULT 0,
    PlayCount        INTEGER NOT NULL DEFAULT 0,
    LastPlayedAt     TEXT,
    BPM              REAL,
    MusicalKey       TEXT,
    SpotifyBPM       REAL,
    SpotifyKey       TEXT
);
CREATE INDEX IX_PlaylistTracks_PlaylistId ON PlaylistTracks (PlaylistId);
CREATE INDEX IX_PlaylistTracks_TrackUniqueHash ON PlaylistTracks (TrackUniqueHash);

-- The cached stats are recounted by the database itself on every change of a playlist's rows,
-- so no code path can leave them disagreeing with PlaylistTracks.
CREATE TRIGGER PlaylistTracks_Stats_Insert AFTER INSERT ON PlaylistTracks BEGIN UPDATE PlaylistJobs SET TotalTracks = (SELECT COUNT(*) FROM PlaylistTracks WHERE PlaylistId = NEW.PlaylistId), SuccessfulCount = (SELECT COUNT(*) FROM PlaylistTracks WHERE PlaylistId = NEW.PlaylistId AND Status = 'Matched'), FailedCount = (SELECT COUNT(*) FROM PlaylistTracks WHERE PlaylistId = NEW.PlaylistId AND Status = 'Failed'), MissingCount = (SELECT COUNT(*) FROM PlaylistTracks WHERE PlaylistId = NEW.PlaylistId AND Status = 'Missing') WHERE Id = NEW.PlaylistId; END;
CREATE TRIGGER PlaylistTracks_Stats_Update AFTER UPDATE OF Status, PlaylistId ON PlaylistTracks BEGIN UPDATE PlaylistJobs SET TotalTracks = (SELECT COUNT(*) FROM PlaylistTracks WHERE PlaylistId = PlaylistJobs.Id), SuccessfulCount = (SELECT COUNT(*) FROM PlaylistTracks WHERE PlaylistId = PlaylistJobs.Id AND Status = 'Matched'), FailedCount = (SELECT COUNT(*) FROM PlaylistTracks WHERE PlaylistId = PlaylistJobs.Id AND Status = 'Failed'), MissingCount = (SELECT COUNT(*) FROM PlaylistTracks WHERE PlaylistId = PlaylistJobs.Id AND Status = 'Missing') WHERE Id IN (OLD.PlaylistId, NEW.PlaylistId); END;
CREATE TRIGGER PlaylistTracks_Stats_Delete AFTER DELETE ON PlaylistTracks BEGIN UPDATE PlaylistJobs SET TotalTracks = (SELECT COUNT(*) FROM PlaylistTracks WHERE PlaylistId = OLD.PlaylistId), SuccessfulCount = (SELECT COUNT(*) FROM PlaylistTracks WHERE PlaylistId = OLD.PlaylistId AND Status = 'Matched'), FailedCount = (SELECT COUNT(*) FROM PlaylistTracks WHERE PlaylistId = OLD.PlaylistId AND Status = 'Failed'), MissingCount = (SELECT COUNT(*) FROM PlaylistTracks WHERE PlaylistId = OLD.PlaylistId AND Status = 'Missing') WHERE Id = OLD.PlaylistId; END;
