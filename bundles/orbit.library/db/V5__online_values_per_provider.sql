-- Schema version 5: each provider's answer stays that provider's. The entry's online values are
-- resolved from the providers' answers (OnlineMetadata) in the order of ProviderOrder, each with
-- the provider it came from; the seed's Spotify columns hold Spotify's own answer and nothing else.
-- Every version-4 value is kept: it moves to the provider that gave it.

-- The order online values are resolved in: the first provider with a value gives it.
CREATE TABLE ProviderOrder (
    Provider TEXT    PRIMARY KEY,
    Position INTEGER NOT NULL UNIQUE
);
-- The order the user chose (the preferences, 'orbit providers --order'); providers not listed
-- follow it, the one with the richest capabilities first.
CREATE TABLE ProviderPreference (
    Provider TEXT    PRIMARY KEY,
    Position INTEGER NOT NULL UNIQUE
);

ALTER TABLE LibraryEntries ADD COLUMN OnlineBPM REAL;
ALTER TABLE LibraryEntries ADD COLUMN OnlineBPMProvider TEXT;
ALTER TABLE LibraryEntries ADD COLUMN OnlineKey TEXT;
ALTER TABLE LibraryEntries ADD COLUMN OnlineKeyProvider TEXT;
ALTER TABLE LibraryEntries ADD COLUMN OnlineDuration INTEGER;
ALTER TABLE LibraryEntries ADD COLUMN OnlineDurationProvider TEXT;

-- Which provider an online change came from; NULL only on rows written before version 5 whose
-- provider could not be told.
ALTER TABLE LibraryEntryHistory ADD COLUMN Provider TEXT CHECK (Provider IS NULL OR Source = 'OnlineProvider');

-- 1. A version-4 Spotify column value that no provider's latest answer holds came from an earlier
--    answer (or from before the cache existed). It stays Spotify's, as its column said: it is
--    written into Spotify's answer (an expired one, so that it is asked again).
CREATE TEMP TABLE V5Orphans AS
SELECT e.Id AS EntryId,
       CASE WHEN e.SpotifyBPM IS NOT NULL AND NOT EXISTS (SELECT 1 FROM OnlineMetadata m WHERE m.EntryId = e.Id
            AND m.Found = 1 AND m.BPM = e.SpotifyBPM) THEN e.SpotifyBPM END AS BPM,
       CASE WHEN e.SpotifyKey IS NOT NULL AND NOT EXISTS (SELECT 1 FROM OnlineMetadata m WHERE m.EntryId = e.Id
            AND m.Found = 1 AND m.MusicalKey = e.SpotifyKey) THEN e.SpotifyKey END AS MusicalKey,
       CASE WHEN e.SpotifyDuration IS NOT NULL AND NOT EXISTS (SELECT 1 FROM OnlineMetadata m WHERE m.EntryId = e.Id
            AND m.Found = 1 AND m.DurationSeconds = e.SpotifyDuration) THEN e.SpotifyDuration END AS DurationSeconds,
       CASE WHEN e.SpotifyTrackId IS NOT NULL AND NOT EXISTS (SELECT 1 FROM OnlineMetadata m WHERE m.EntryId = e.Id
            AND m.Provider = 'spotify' AND m.ProviderTrackId = e.SpotifyTrackId) THEN e.SpotifyTrackId END AS TrackId
FROM LibraryEntries e
WHERE e.SpotifyBPM IS NOT NULL OR e.SpotifyKey IS NOT NULL OR e.SpotifyDuration IS NOT NULL OR e.SpotifyTrackId IS NOT NULL;
DELETE FROM V5Orphans WHERE BPM IS NULL AND MusicalKey IS NULL AND DurationSeconds IS NULL AND TrackId IS NULL;
INSERT INTO OnlineMetadata (Provider, EntryId, Found, ProviderTrackId, BPM, MusicalKey, DurationSeconds, ISRC, FetchedAt, ExpiresAt)
SELECT 'spotify', EntryId, 1, TrackId, BPM, MusicalKey, DurationSeconds, NULL,
       strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM V5Orphans WHERE true
ON CONFLICT (Provider, EntryId) DO UPDATE SET Found = 1,
    ProviderTrackId = COALESCE(OnlineMetadata.ProviderTrackId, excluded.ProviderTrackId),
    BPM = COALESCE(OnlineMetadata.BPM, excluded.BPM),
    MusicalKey = COALESCE(OnlineMetadata.MusicalKey, excluded.MusicalKey),
    DurationSeconds = COALESCE(OnlineMetadata.DurationSeconds, excluded.DurationSeconds),
    ExpiresAt = excluded.ExpiresAt;
DROP TABLE V5Orphans;

-- 2. The default order for the providers that have answered: the richest first (Spotify knows
--    tempo, key and duration; Deezer tempo and duration), then any other by name.
INSERT INTO ProviderOrder (Provider, Position)
SELECT Provider, ROW_NUMBER() OVER (ORDER BY CASE Provider WHEN 'spotify' THEN 0 WHEN 'deezer' THEN 1 ELSE 2 END, Provider) - 1
FROM (SELECT DISTINCT Provider FROM OnlineMetadata);

-- 3. The online values, each from the first provider in that order that has one.
UPDATE LibraryEntries SET
    OnlineBPMProvider = (SELECT m.Provider FROM OnlineMetadata m JOIN ProviderOrder o ON o.Provider = m.Provider
        WHERE m.EntryId = LibraryEntries.Id AND m.Found = 1 AND m.BPM IS NOT NULL ORDER BY o.Position LIMIT 1),
    OnlineKeyProvider = (SELECT m.Provider FROM OnlineMetadata m JOIN ProviderOrder o ON o.Provider = m.Provider
        WHERE m.EntryId = LibraryEntries.Id AND m.Found = 1 AND m.MusicalKey IS NOT NULL ORDER BY o.Position LIMIT 1),
    OnlineDurationProvider = (SELECT m.Provider FROM OnlineMetadata m JOIN ProviderOrder o ON o.Provider = m.Provider
        WHERE m.EntryId = LibraryEntries.Id AND m.Found = 1 AND m.DurationSeconds IS NOT NULL ORDER BY o.Position LIMIT 1)
WHERE EXISTS (SELECT 1 FROM OnlineMetadata m WHERE m.EntryId = LibraryEntries.Id);
UPDATE LibraryEntries SET
    OnlineBPM = (SELECT BPM FROM OnlineMetadata m WHERE m.EntryId = LibraryEntries.Id AND m.Provider = OnlineBPMProvider),
    OnlineKey = (SELECT MusicalKey FROM OnlineMetadata m WHERE m.EntryId = LibraryEntries.Id AND m.Provider = OnlineKeyProvider),
    OnlineDuration = (SELECT DurationSeconds FROM OnlineMetadata m WHERE m.EntryId = LibraryEntries.Id
        AND m.Provider = OnlineDurationProvider)
WHERE EXISTS (SELECT 1 FROM OnlineMetadata m WHERE m.EntryId = LibraryEntries.Id);

-- 4. The Spotify columns hold Spotify's answer only.
UPDATE LibraryEntries SET
    SpotifyBPM = (SELECT BPM FROM OnlineMetadata m WHERE m.EntryId = LibraryEntries.Id AND m.Provider = 'spotify' AND m.Found = 1),
    SpotifyKey = (SELECT MusicalKey FROM OnlineMetadata m WHERE m.EntryId = LibraryEntries.Id AND m.Provider = 'spotify' AND m.Found = 1),
    SpotifyDuration = (SELECT DurationSeconds FROM OnlineMetadata m WHERE m.EntryId = LibraryEntries.Id
        AND m.Provider = 'spotify' AND m.Found = 1),
    SpotifyTrackId = (SELECT ProviderTrackId FROM OnlineMetadata m WHERE m.EntryId = LibraryEntries.Id
        AND m.Provider = 'spotify' AND m.Found = 1)
WHERE SpotifyBPM IS NOT NULL OR SpotifyKey IS NOT NULL OR SpotifyDuration IS NOT NULL OR SpotifyTrackId IS NOT NULL
    OR EXISTS (SELECT 1 FROM OnlineMetadata m WHERE m.EntryId = LibraryEntries.Id AND m.Provider = 'spotify');

-- 5. History: version 4 wrote every provider's value as a change of a Spotify column. Each row
--    becomes a change of that field by the provider whose answer holds the value (the answer
--    fetched nearest the change), or by an unnamed provider when no answer holds it any more.
UPDATE LibraryEntryHistory SET Provider = CASE WHEN Field = 'SpotifyTrackId' THEN 'spotify' ELSE (
        SELECT m.Provider FROM OnlineMetadata m WHERE m.EntryId = LibraryEntryHistory.EntryId AND m.Found = 1
        AND CAST(CASE LibraryEntryHistory.Field WHEN 'SpotifyBPM' THEN m.BPM WHEN 'SpotifyKey' THEN m.MusicalKey
            ELSE m.DurationSeconds END AS TEXT) = LibraryEntryHistory.NewValue
        ORDER BY abs(julianday(m.FetchedAt) - julianday(LibraryEntryHistory.ChangedAt)), m.Provider LIMIT 1) END
WHERE Source = 'OnlineProvider' AND Field IN ('SpotifyBPM', 'SpotifyKey', 'SpotifyDuration', 'SpotifyTrackId');
UPDATE LibraryEntryHistory SET Field = CASE Field WHEN 'SpotifyBPM' THEN 'BPM' WHEN 'SpotifyKey' THEN 'MusicalKey'
        WHEN 'SpotifyDuration' THEN 'DurationSeconds' ELSE 'TrackId' END
WHERE Source = 'OnlineProvider' AND Field IN ('SpotifyBPM', 'SpotifyKey', 'SpotifyDuration', 'SpotifyTrackId');
-- An integrity change an answer caused was written in the same transaction, at the same time.
UPDATE LibraryEntryHistory SET Provider = (SELECT h.Provider FROM LibraryEntryHistory h
        WHERE h.EntryId = LibraryEntryHistory.EntryId AND h.ChangedAt = LibraryEntryHistory.ChangedAt
        AND h.Provider IS NOT NULL ORDER BY h.Id LIMIT 1)
WHERE Source = 'OnlineProvider' AND Field = 'IntegrityLevel';
