-- Schema version 6: every readable file is an entry. UniqueHash still names the recording, but
-- several files may hold one recording: one entry stands for it (the best copy), the others name
-- it in DuplicateOf. What the audio itself showed (the scan's frame check, 'verify') is kept per
-- entry.

DROP INDEX IX_LibraryEntries_UniqueHash;
CREATE INDEX IX_LibraryEntries_UniqueHash ON LibraryEntries (UniqueHash);

-- The entry that stands for this one's recording; NULL when this one stands for it (or is alone).
ALTER TABLE LibraryEntries ADD COLUMN DuplicateOf INTEGER REFERENCES LibraryEntries (Id) ON DELETE SET NULL;
CREATE INDEX IX_LibraryEntries_DuplicateOf ON LibraryEntries (DuplicateOf) WHERE DuplicateOf IS NOT NULL;

-- The last audio check of the entry's file: when, whether the audio was intact, what was found, and
-- how deep it went ('Frames': the scan's frame check; 'Decoded': a full decode, as 'verify' does).
-- Cleared when the file changes under ORBIT's feet; kept across ORBIT's own tag writes, which leave
-- the audio bit-identical.
ALTER TABLE LibraryEntries ADD COLUMN AudioCheckedAt TEXT;
ALTER TABLE LibraryEntries ADD COLUMN AudioIntact INTEGER CHECK (AudioIntact IS NULL OR AudioIntact IN (0, 1));
ALTER TABLE LibraryEntries ADD COLUMN AudioDetail TEXT;
ALTER TABLE LibraryEntries ADD COLUMN AudioCheck TEXT CHECK (AudioCheck IS NULL OR AudioCheck IN ('Frames', 'Decoded'));
CREATE INDEX IX_LibraryEntries_AudioIntact ON LibraryEntries (AudioIntact);

-- Files version 5 reported as duplicates become entries of their own, copies of the entry they
-- duplicated. With no modification time they are read in full by the next scan.
INSERT INTO LibraryEntries (UniqueHash, FilePath, FileSize, AddedAt, Title, Artist, Album, IntegrityLevel, DuplicateOf)
SELECT d.UniqueHash, d.FilePath, d.FileSize, d.SeenAt, e.Title, e.Artist, e.Album, 0, d.EntryId
FROM DuplicateFiles d JOIN LibraryEntries e ON e.Id = d.EntryId
WHERE NOT EXISTS (SELECT 1 FROM LibraryEntries x WHERE x.FilePath = d.FilePath);
DROP TABLE DuplicateFiles;
