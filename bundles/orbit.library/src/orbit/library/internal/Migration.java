package orbit.library.internal;

/** One step of the library schema, an SQL script shipped in the bundle's {@code db/} folder. */
record Migration(int version, String description, String resource) {

	/** Every schema step in order; a new step is appended here and never edited once released. */
	static final java.util.List<Migration> ALL = java.util.List.of(
			new Migration(1, "library entries", "db/V1__library_entries.sql"),
			new Migration(2, "dual truth, integrity, upgrades, duplicates, playlists, history",
					"db/V2__dual_truth_playlists_history.sql"),
			new Migration(3, "scan problems", "db/V3__scan_problems.sql"),
			new Migration(4, "online metadata cache, enrichment queue, provider states", "db/V4__online_metadata.sql"),
			new Migration(5, "online values per provider, provider order", "db/V5__online_values_per_provider.sql"),
			new Migration(6, "every file an entry, copies of a recording, audio checks", "db/V6__every_file_an_entry.sql"),
			new Migration(7, "playlist imports in batches: stats by step, unfinished imports hidden, artist and title index",
					"db/V7__playlist_imports_stream.sql"),
			new Migration(8, "upgrade candidates with their verdicts, deferrals of held files", "db/V8__upgrade_candidates.sql"),
			new Migration(9, "audio quality: spectral hash and quality confidence", "db/V9__audio_quality.sql"));

	static int latestVersion() {
		return ALL.get(ALL.size() - 1).version();
	}
}
