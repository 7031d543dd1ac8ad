package orbit.library.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.apache.ibatis.session.SqlSession;
import org.osgi.service.component.annotations.Component;

import orbit.core.ActionableException;
import orbit.library.AudioQuality;
import orbit.library.GoldRule;
import orbit.library.IntegrityLevel;
import orbit.library.MetadataSource;
import orbit.library.MusicalKey;
import orbit.library.OnlineAnswer;
import orbit.library.UserOverride;

/**
 * The one writer of library entries. Every change to {@code LibraryEntries} comes through here: a
 * file scanned or read again, a file no longer found, the user's overrides, a provider's answer, a
 * new provider order. Each method works in the caller's session and transaction. Per changed field
 * it writes one history row with its source (for an online answer, the provider's own name), and
 * it settles the entry: the online values resolved from the providers' answers in the provider
 * order, Spotify's columns from Spotify's answer, and the integrity level by the Gold rule.
 * {@link EntryWriteMapper}, the only SQL that writes entries, is used here and nowhere else.
 */
@Component(service = EntryWriter.class)
public class EntryWriter {

	/** The provider whose answers fill the seed's Spotify columns, and no other provider's. */
	static final String SPOTIFY = "spotify";

	/** Who made a change: the source of its history rows and, for an online change, the provider. */
	record Cause(MetadataSource source, String provider) {
		static final Cause FILE_TAGS = new Cause(MetadataSource.FILE_TAGS, null);
		static final Cause USER = new Cause(MetadataSource.USER, null);
		static final Cause UPGRADE = new Cause(MetadataSource.UPGRADE, null);

		static Cause provider(String id) {
			return new Cause(MetadataSource.ONLINE_PROVIDER, id);
		}
	}

	/** What one read of a file says, and the identity the scan gave it. */
	record FileFacts(String uniqueHash, long size, Long modifiedMillis, TagReader.FileTags tags) {
	}

	// --- files ---

	/** A file new to the library: nothing changed yet, so no history; its level is assessed. */
	void add(SqlSession session, String filePath, FileFacts facts, String now) {
		EntryRow row = new EntryRow();
		row.filePath = filePath;
		row.addedAt = now;
		row.uniqueHash = facts.uniqueHash();
		takeFile(row, facts);
		row.integrityLevel = level(row, List.of()).code();
		writes(session).insert(row);
	}

	/**
	 * A file read again (a scan found it changed, or ORBIT itself wrote its tags): each changed tag
	 * gets a history row from the file's tags.
	 *
	 * @param answers   the entry's answers in the provider order (the Gold rule needs them)
	 * @param sameAudio the audio is known to be unchanged (ORBIT's own tag write proved it bit-identical):
	 *                  the last audio check still holds; otherwise it is forgotten
	 */
	void fileRead(SqlSession session, EntryRow row, FileFacts facts, List<OnlineAnswer> answers, boolean sameAudio,
			String now) {
		TagReader.FileTags tags = facts.tags();
		History history = new History(session, row.id, Cause.FILE_TAGS, now);
		history.record("Title", row.title, tags.title());
		history.record("Artist", row.artist, tags.artist());
		history.record("Album", row.album, tags.album());
		history.record("BPM", row.bpm, tags.bpm());
		history.record("MusicalKey", row.musicalKey, tags.musicalKey());
		history.record("DurationSeconds", row.durationSeconds, tags.durationSeconds());
		row.uniqueHash = facts.uniqueHash();
		row.missingSince = null;
		takeFile(row, facts);
		if (!sameAudio) {
			history.record("AudioIntact", row.audioIntact, null);
			row.audioCheckedAt = null;
			row.audioIntact = null;
			row.audioDetail = null;
			row.audioCheck = null;
			forgetQuality(row, history);
		}
		settle(session, row, true, answers, history);
	}

	/**
	 * What a check of the entry's audio found (the scan's frame check, or 'verify' decoding it);
	 * a change of verdict gets a history row.
	 */
	void audioChecked(SqlSession session, EntryRow row, boolean intact, String detail, boolean decoded, String now) {
		History history = new History(session, row.id, Cause.FILE_TAGS, now);
		history.record("AudioIntact", row.audioIntact, intact);
		row.audioCheckedAt = now;
		row.audioIntact = intact;
		row.audioDetail = detail;
		row.audioCheck = decoded ? EntryRow.CHECK_DECODED : EntryRow.CHECK_FRAMES;
		settle(session, row, true, null, history);
	}

	/**
	 * Which entry stands for this one's recording (null: this one does); a change gets a history
	 * row. Decided by the scan from every entry's tags, length and quality.
	 */
	void standsFor(SqlSession session, EntryRow row, Long duplicateOf, String now) {
		History history = new History(session, row.id, Cause.FILE_TAGS, now);
		history.record("DuplicateOf", row.duplicateOf, duplicateOf);
		row.duplicateOf = duplicateOf;
		settle(session, row, false, null, history);
	}

	/** A scan no longer finds the entry's file: the entry and its history stay, its level follows. */
	void missing(SqlSession session, EntryRow row, String now) {
		row.missingSince = now;
		// Without its file no entry is Gold unless the user said so: the answers do not matter.
		settle(session, row, true, null, new History(session, row.id, Cause.FILE_TAGS, now));
	}

	/**
	 * The entry's track was replaced by another file of the same recording (an upgrade, or its
	 * undo): the entry takes the new file's path and facts; each change gets a history row whose
	 * source is the upgrade. The audio check of the old file does not hold for the new one.
	 *
	 * @param source {@code UpgradeSource}: "Auto" or "Manual"; null clears it (an undo: the file is
	 *               no longer an upgrade; the ledger keeps the undone upgrade's record)
	 * @param at     {@code LastUpgradeAt}; null clears it (an undo)
	 */
	void fileReplaced(SqlSession session, EntryRow row, String newPath, FileFacts facts, String source, String at,
			String now) {
		TagReader.FileTags tags = facts.tags();
		History history = new History(session, row.id, Cause.UPGRADE, now);
		history.record("FilePath", row.filePath, newPath);
		history.record("Format", row.format, tags.format());
		history.record("Bitrate", row.bitrate, tags.bitrate());
		history.record("FileSize", row.fileSize, facts.size());
		history.record("Title", row.title, tags.title());
		history.record("Artist", row.artist, tags.artist());
		history.record("Album", row.album, tags.album());
		history.record("BPM", row.bpm, tags.bpm());
		history.record("MusicalKey", row.musicalKey, tags.musicalKey());
		history.record("DurationSeconds", row.durationSeconds, tags.durationSeconds());
		history.record("AudioIntact", row.audioIntact, null);
		row.filePath = newPath;
		row.uniqueHash = facts.uniqueHash();
		row.missingSince = null;
		takeFile(row, facts);
		row.audioCheckedAt = null;
		row.audioIntact = null;
		row.audioDetail = null;
		row.audioCheck = null;
		forgetQuality(row, history);
		history.record("LastUpgradeAt", row.lastUpgradeAt, at);
		row.lastUpgradeAt = at;
		history.record("UpgradeSource", row.upgradeSource, source);
		row.upgradeSource = source;
		settle(session, row, true, answers(session, row.id), history);
	}

	/**
	 * What the entry's decoded audio is (seed 004, Phase 8): a change of the lossless verdict gets
	 * a history row; the fingerprint is bookkeeping.
	 */
	void qualityMeasured(SqlSession session, EntryRow row, AudioQuality quality, String now) {
		History history = new History(session, row.id, Cause.FILE_TAGS, now);
		history.record("QualityConfidence", row.qualityConfidence, quality.confidence());
		row.qualityConfidence = quality.confidence();
		row.spectralHash = quality.spectralHash();
		row.qualityCheckedAt = quality.checkedAt().toString();
		settle(session, row, true, null, history);
	}

	/** Other audio: what was measured of the old one does not hold. */
	private static void forgetQuality(EntryRow row, History history) {
		history.record("QualityConfidence", row.qualityConfidence, null);
		row.qualityConfidence = null;
		row.spectralHash = null;
		row.qualityCheckedAt = null;
	}

	/** The entry was looked at for upgrades ({@code LastUpgradeScanAt}); bookkeeping, so no history row. */
	void upgradeScanned(SqlSession session, EntryRow row, String at) {
		row.lastUpgradeScanAt = at;
		writes(session).update(row);
	}

	private static void takeFile(EntryRow row, FileFacts facts) {
		TagReader.FileTags tags = facts.tags();
		row.fileSize = facts.size();
		row.fileModifiedAt = facts.modifiedMillis();
		row.title = tags.title();
		row.artist = tags.artist();
		row.album = tags.album();
		row.format = tags.format();
		row.bitrate = tags.bitrate();
		row.durationSeconds = tags.durationSeconds();
		row.bpm = tags.bpm();
		row.musicalKey = tags.musicalKey();
	}

	// --- the user ---

	/**
	 * The user's overrides; a null value leaves that override as it is, {@code gold} true declares
	 * the entry Gold. Keys are stored in Camelot, the library's one notation.
	 *
	 * @throws ActionableException for an unknown id
	 */
	EntryRow override(SqlSession session, long id, UserOverride change, String now) {
		EntryRow row = reads(session).entryById(id);
		if (row == null) {
			throw new ActionableException("No library entry has id " + id, "List the entries with 'orbit tracks'");
		}
		History history = new History(session, id, Cause.USER, now);
		if (change.bpm() != null || change.clearBpm()) {
			history.record("ManualBPM", row.manualBpm, change.bpm());
			row.manualBpm = change.bpm();
		}
		if (change.key() != null || change.clearKey()) {
			String camelot = change.key() == null ? null : change.key().camelot();
			history.record("ManualKey", row.manualKey, camelot);
			row.manualKey = camelot;
		}
		if (change.gold() != null) {
			history.record("UserVerifiedGold", row.userVerifiedGold, change.gold());
			row.userVerifiedGold = change.gold();
		}
		settle(session, row, false, answers(session, id), history);
		return row;
	}

	// --- online answers ---

	/**
	 * A provider's answer was stored (the caller upserted it): each of that provider's values that
	 * changed gets a history row under the provider's name, and the entry is settled again with
	 * every provider's answers. A "not found" answer has no values.
	 *
	 * @param previous that provider's answer before, or null
	 */
	void answered(SqlSession session, OnlineAnswer previous, OnlineAnswer answer, String now) {
		EntryRow row = reads(session).entryById(answer.entryId());
		if (row == null) {
			return;
		}
		History history = new History(session, row.id, Cause.provider(answer.provider()), now);
		history.record("BPM", value(previous, OnlineAnswer::bpm), value(answer, OnlineAnswer::bpm));
		history.record("MusicalKey", value(previous, OnlineAnswer::musicalKey), value(answer, OnlineAnswer::musicalKey));
		history.record("DurationSeconds", value(previous, OnlineAnswer::durationSeconds),
				value(answer, OnlineAnswer::durationSeconds));
		history.record("TrackId", value(previous, OnlineAnswer::providerTrackId),
				value(answer, OnlineAnswer::providerTrackId));
		settle(session, row, false, answers(session, row.id), history);
	}

	private static <T> T value(OnlineAnswer answer, Function<OnlineAnswer, T> field) {
		return answer == null || !answer.found() ? null : field.apply(answer);
	}

	/**
	 * Settles every entry that has answers again, after the provider order changed (the caller
	 * stored the new one) or the rules did. Integrity changes are recorded with {@code cause}.
	 *
	 * @return how many entries changed
	 */
	int resettleAnswered(SqlSession session, Cause cause, String now) {
		Map<Long, List<OnlineAnswer>> byEntry = new HashMap<>();
		for (OnlineMetadataMapper.Row row : session.getMapper(OnlineMetadataMapper.class).answersUnder("")) {
			byEntry.computeIfAbsent(row.entryId, id -> new ArrayList<>()).add(row.toAnswer());
		}
		int changed = 0;
		for (EntryRow row : reads(session).entriesUnder("")) {
			List<OnlineAnswer> answers = byEntry.get(row.id);
			boolean hadOnline = row.online().any() || row.spotifyBpm != null || row.spotifyKey != null
					|| row.spotifyDuration != null || row.spotifyTrackId != null;
			if (answers == null && !hadOnline) {
				continue;
			}
			if (settle(session, row, false, answers == null ? List.of() : answers, new History(session, row.id, cause, now))) {
				changed++;
			}
		}
		return changed;
	}

	// --- settling ---

	/**
	 * Resolves the online values from the answers and assesses the level (null answers: the change
	 * touches neither, and they stay as they are, unless the file went missing), records the level's
	 * change and writes the row when anything changed.
	 *
	 * @param rowChanged the caller changed the row beyond what {@code history} recorded
	 * @return whether anything of the entry changed
	 */
	private boolean settle(SqlSession session, EntryRow row, boolean rowChanged, List<OnlineAnswer> answersInOrder,
			History history) {
		boolean changed = rowChanged || history.written > 0;
		if (answersInOrder != null) {
			changed |= resolveOnline(row, answersInOrder);
		}
		// Without the answers the level can only be assessed for a missing file, which they do not touch.
		IntegrityLevel level = answersInOrder != null ? level(row, answersInOrder)
				: row.missingSince != null ? level(row, List.of()) : IntegrityLevel.ofCode(row.integrityLevel);
		if (level.code() != row.integrityLevel) {
			history.record("IntegrityLevel", IntegrityLevel.ofCode(row.integrityLevel), level);
			row.integrityLevel = level.code();
			changed = true;
		}
		if (changed) {
			writes(session).update(row);
		}
		return changed;
	}

	/** Each online value from the first provider in the order that has one; Spotify's columns from Spotify. */
	private static boolean resolveOnline(EntryRow row, List<OnlineAnswer> answersInOrder) {
		Object[] before = online(row);
		OnlineAnswer bpm = first(answersInOrder, OnlineAnswer::bpm);
		OnlineAnswer key = first(answersInOrder, OnlineAnswer::musicalKey);
		OnlineAnswer duration = first(answersInOrder, OnlineAnswer::durationSeconds);
		row.onlineBpm = bpm == null ? null : bpm.bpm();
		row.onlineBpmProvider = bpm == null ? null : bpm.provider();
		row.onlineKey = key == null ? null : key.musicalKey();
		row.onlineKeyProvider = key == null ? null : key.provider();
		row.onlineDuration = duration == null ? null : duration.durationSeconds();
		row.onlineDurationProvider = duration == null ? null : duration.provider();
		OnlineAnswer spotify = answersInOrder.stream().filter(a -> a.found() && SPOTIFY.equals(a.provider())).findFirst()
				.orElse(null);
		row.spotifyBpm = spotify == null ? null : spotify.bpm();
		row.spotifyKey = spotify == null ? null : spotify.musicalKey();
		row.spotifyDuration = spotify == null ? null : spotify.durationSeconds();
		row.spotifyTrackId = spotify == null ? null : spotify.providerTrackId();
		return !java.util.Arrays.equals(before, online(row));
	}

	private static Object[] online(EntryRow row) {
		return new Object[] { row.onlineBpm, row.onlineBpmProvider, row.onlineKey, row.onlineKeyProvider,
				row.onlineDuration, row.onlineDurationProvider, row.spotifyBpm, row.spotifyKey, row.spotifyDuration,
				row.spotifyTrackId };
	}

	private static OnlineAnswer first(List<OnlineAnswer> answers, Function<OnlineAnswer, Object> field) {
		for (OnlineAnswer answer : answers) {
			if (answer.found() && field.apply(answer) != null) {
				return answer;
			}
		}
		return null;
	}

	/** No online value: only the user's word makes Gold (a scan adds thousands of such entries at once). */
	private static final GoldRule.Evaluation NO_ONLINE_VALUE = new GoldRule.Evaluation(false, false, List.of());

	/** The progression rules on the entry as it now is (see {@link IntegrityLevel#assess}). */
	static IntegrityLevel level(EntryRow row, List<OnlineAnswer> answersInOrder) {
		GoldRule.Evaluation gold = answersInOrder.isEmpty() ? NO_ONLINE_VALUE
				: GoldRule.evaluate(row.bpm, row.musicalKey, row.durationSeconds, answersInOrder, row.userVerifiedGold);
		return IntegrityLevel.assess(row.missingSince == null, row.title != null && row.artist != null,
				row.online().any(), row.userVerifiedGold, gold);
	}

	// --- reads the writer needs, in the caller's session ---

	/** An entry's answers in the provider order. */
	static List<OnlineAnswer> answers(SqlSession session, long entryId) {
		return session.getMapper(OnlineMetadataMapper.class).answers(entryId).stream()
				.map(OnlineMetadataMapper.Row::toAnswer).toList();
	}

	private static LibraryEntryMapper reads(SqlSession session) {
		return session.getMapper(LibraryEntryMapper.class);
	}

	private static EntryWriteMapper writes(SqlSession session) {
		return session.getMapper(EntryWriteMapper.class);
	}

	/** The history rows of one change of one entry. */
	private static final class History {
		private final SqlSession session;
		private final long entryId;
		private final Cause cause;
		private final String now;
		int written;

		History(SqlSession session, long entryId, Cause cause, String now) {
			this.session = session;
			this.entryId = entryId;
			this.cause = cause;
			this.now = now;
		}

		void record(String field, Object oldValue, Object newValue) {
			if (Objects.equals(oldValue, newValue)) {
				return;
			}
			HistoryRow row = new HistoryRow();
			row.entryId = entryId;
			row.field = field;
			row.oldValue = oldValue == null ? null : oldValue.toString();
			row.newValue = newValue == null ? null : newValue.toString();
			row.source = cause.source().stored();
			row.provider = cause.provider();
			row.changedAt = now;
			writes(session).insertHistory(row);
			written++;
		}
	}
}
