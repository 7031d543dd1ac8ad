-- Schema version 1: the library's entries (the foundation of the memory layer).
CREATE TABLE LibraryEntries (
    Id              INTEGER PRIMARY KEY,
    UniqueHash      TEXT    NOT NULL,
    FilePath        TEXT    NOT NULL,
    FileSize        INTEGER NOT NULL DEFAULT 0,
    AddedAt         TEXT    NOT NULL,
    Title           TEXT,
    Artist          TEXT,
    Album           TEXT,
    Format          TEXT,
    Bitrate         INTEGER NOT NULL DEFAULT 0,
    DurationSeconds INTEGER,
    BPM             REAL,
    MusicalKey      TEXT
);
CREATE UNIQUE INDEX IX_LibraryEntries_UniqueHash ON LibraryEntries (UniqueHash);
CREATE INDEX IX_LibraryEntries_FilePath ON LibraryEntries (FilePath);
