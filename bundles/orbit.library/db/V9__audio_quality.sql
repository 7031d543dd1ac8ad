-- Schema version 9: seed 004's Phase 8 columns. SpectralHash is the fingerprint of the entry's
-- audio, QualityConfidence how sure ORBIT is that a lossless file's audio is genuinely lossless
-- (0.0: a transcode of a lossy file, 1.0: genuine; NULL for lossy formats), QualityCheckedAt when
-- they were measured (NULL: not since the file last changed).
ALTER TABLE LibraryEntries ADD COLUMN SpectralHash TEXT;
ALTER TABLE LibraryEntries ADD COLUMN QualityConfidence REAL CHECK (QualityConfidence IS NULL OR QualityConfidence BETWEEN 0.0 AND 1.0);
ALTER TABLE LibraryEntries ADD COLUMN QualityCheckedAt TEXT;
CREATE INDEX IX_LibraryEntries_QualityConfidence ON LibraryEntries (QualityConfidence) WHERE QualityConfidence IS NOT NULL;
