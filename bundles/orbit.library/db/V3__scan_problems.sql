-- Schema version 3: files a scan could not read, kept until they read or disappear, so the
-- user can see them (the 'problems' command, the workstation) without scanning again.
CREATE TABLE ScanProblems (
    FilePath       TEXT    PRIMARY KEY,
    Reason         TEXT    NOT NULL,
    FileSize       INTEGER NOT NULL,
    -- With FileSize it lets a rescan skip a file that is still the same unreadable file.
    FileModifiedAt INTEGER NOT NULL,
    FirstSeenAt    TEXT    NOT NULL,
    LastSeenAt     TEXT    NOT NULL
);
