-- Schema version 7: a playlist of any length imports in batches. Its stats follow each row by a
-- step (a recount per row made an import of n rows cost n squared), a playlist being imported
-- stays out of sight until its last row is in, and a row finds its entry by artist and title
-- through an index.
ALTER TABLE PlaylistJobs ADD COLUMN Importing INTEGER NOT NULL DEFAULT 0 CHECK (Importing IN (0, 1));
CREATE INDEX IX_PlaylistJobs_Importing ON PlaylistJobs (Importing) WHERE Importing = 1;
CREATE INDEX IX_LibraryEntries_LowerArtistTitle ON LibraryEntries (lower(Artist), lower(Title));

DROP TRIGGER PlaylistTracks_Stats_Insert;
DROP TRIGGER PlaylistTracks_Stats_Update;
DROP TRIGGER PlaylistTracks_Stats_Delete;
CREATE TRIGGER PlaylistTracks_Stats_Insert AFTER INSERT ON PlaylistTracks BEGIN UPDATE PlaylistJobs SET TotalTracks = TotalTracks + 1, SuccessfulCount = SuccessfulCount + (NEW.Status = 'Matched'), FailedCount = FailedCount + (NEW.Status = 'Failed'), MissingCount = MissingCount + (NEW.Status = 'Missing') WHERE Id = NEW.PlaylistId; END;
CREATE TRIGGER PlaylistTracks_Stats_Update AFTER UPDATE OF Status, PlaylistId ON PlaylistTracks BEGIN UPDATE PlaylistJobs SET TotalTracks = TotalTracks - 1, SuccessfulCount = SuccessfulCount - (OLD.Status = 'Matched'), FailedCount = FailedCount - (OLD.Status = 'Failed'), MissingCount = MissingCount - (OLD.Status = 'Missing') WHERE Id = OLD.PlaylistId; UPDATE PlaylistJobs SET TotalTracks = TotalTracks + 1, SuccessfulCount = SuccessfulCount + (NEW.Status = 'Matched'), FailedCount = FailedCount + (NEW.Status = 'Failed'), MissingCount = MissingCount + (NEW.Status = 'Missing') WHERE Id = NEW.PlaylistId; END;
CREATE TRIGGER PlaylistTracks_Stats_Delete AFTER DELETE ON PlaylistTracks BEGIN UPDATE PlaylistJobs SET TotalTracks = TotalTracks - 1, SuccessfulCount = SuccessfulCount - (OLD.Status = 'Matched'), FailedCount = FailedCount - (OLD.Status = 'Failed'), MissingCount = MissingCount - (OLD.Status = 'Missing') WHERE Id = OLD.PlaylistId; END;

-- Start from counts that agree with the rows, whatever the old triggers left.
UPDATE PlaylistJobs SET TotalTracks = (SELECT COUNT(*) FROM PlaylistTracks t WHERE t.PlaylistId = PlaylistJobs.Id), SuccessfulCount = (SELECT COUNT(*) FROM PlaylistTracks t WHERE t.PlaylistId = PlaylistJobs.Id AND t.Status = 'Matched'), FailedCount = (SELECT COUNT(*) FROM PlaylistTracks t WHERE t.PlaylistId = PlaylistJobs.Id AND t.Status = 'Failed'), MissingCount = (SELECT COUNT(*) FROM PlaylistTracks t WHERE t.PlaylistId = PlaylistJobs.Id AND t.Status = 'Missing');
