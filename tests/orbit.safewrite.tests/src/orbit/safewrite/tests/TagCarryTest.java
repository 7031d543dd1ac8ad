package orbit.safewrite.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.safewrite.WriteOutcome;
import orbit.tests.support.Commands;

/**
 * An upgrade's tags go over to the new file in the new container's form: the artwork, Serato's
 * tags as Serato and Mixxx read them there, Traktor's where it has a place; what has none is named
 * in the notes. The old files come from lame and flac and get their tags from mutagen the way
 * Serato and Traktor store them; djtags.py (mutagen again, apart from ORBIT's parsers) reads the
 * new file, decoding Serato's base64 envelopes on its own. The old file is never changed, and the
 * new file's audio stays bit-identical.
 */
class TagCarryTest {

	/** The Serato tags both ID3 and FLAC (and MP4) have a place for, with the same payload. */
	static final List<String> SERATO_EVERYWHERE = List.of("Serato Analysis", "Serato Autotags", "Serato BeatGrid",
			"Serato Markers2", "Serato Overview");

	@TempDir
	Path dir;

	/** What djtags.py reads in a file: text fields, pictures, DJ payloads (hex) and how they are stored. */
	record Seen(Map<String, String> text, List<String> pictures, Map<String, String> dj, Map<String, String> forms) {
	}

	Seen read(Path file) throws Exception {
		return parse(python("read", file.toString()));
	}

	/** The payloads djtags.py plants. */
	Seen planted() throws Exception {
		return parse(python("payloads"));
	}

	private static Seen parse(String output) {
		Map<String, String> text = new LinkedHashMap<>();
		List<String> pictures = new ArrayList<>();
		Map<String, String> dj = new LinkedHashMap<>();
		Map<String, String> forms = new LinkedHashMap<>();
		for (String line : output.split("\n")) {
			String[] parts = line.split("\t", -1);
			switch (parts[0]) {
			case "text" -> text.put(parts[1], parts[2]);
			case "pic" -> pictures.add(line.substring(4));
			case "dj" -> dj.put(parts[1], parts[2]);
			case "form" -> forms.put(parts[1], parts[2]);
			case "" -> {
			}
			default -> throw new AssertionError("djtags.py: " + output);
			}
		}
		return new Seen(text, pictures, dj, forms);
	}

	String python(String... args) throws Exception {
		Path script = dir.resolve("djtags.py");
		if (!Files.exists(script)) {
			try (InputStream in = TagCarryTest.class.getResourceAsStream("djtags.py")) {
				Files.copy(in, script);
			}
		}
		List<String> command = new ArrayList<>(List.of(RawTags.PYTHON, script.toString()));
		command.addAll(List.of(args));
		return Commands.run(command.toArray(String[]::new));
	}

	/**
	 * A 240x200 PNG of noise, about 67 kB: more than an Ogg page holds and than the padding flac and
	 * lame leave, so that the comment packet spans pages and the tags outgrow their room.
	 */
	String cover() throws Exception {
		Path cover = dir.resolve("cover.png");
		if (!Files.exists(cover)) {
			Commands.run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "nullsrc=s=240x200,geq=random(1)*255:128:128",
					"-frames:v", "1", cover.toString());
		}
		return cover.toString();
	}

	/** An old MP3 (lame) tagged as Serato and Traktor tag one. */
	Path oldMp3() throws Exception {
		Path wav = AudioFixtures.wav(dir, "old", 3);
		Path mp3 = dir.resolve("old.mp3");
		Commands.run("lame", "--quiet", "-b", "128", wav.toString(), mp3.toString());
		Files.delete(wav);
		python("plant", mp3.toString(), cover());
		return mp3;
	}

	Path newFile(String extension, String... codec) throws Exception {
		Path wav = AudioFixtures.wav(dir, "new", 3);
		Path out = dir.resolve("new." + extension);
		switch (extension) {
		case "flac" -> Commands.run("flac", "--silent", "-o", out.toString(), wav.toString());
		case "mp3" -> Commands.run("lame", "--quiet", "-b", "320", wav.toString(), out.toString());
		default -> {
			List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-i", wav.toString()));
			command.addAll(List.of(codec));
			command.add(out.toString());
			Commands.run(command.toArray(String[]::new));
		}
		}
		Files.delete(wav);
		return out;
	}

	/** Carries {@code from}'s tags to {@code to}, checking that {@code from} is untouched and {@code to}'s audio the same. */
	WriteOutcome carry(Path from, Path to) throws Exception {
		byte[] old = Files.readAllBytes(from);
		String audio = TagFieldsTest.decodedMd5(to);
		WriteOutcome outcome = TagWriterTest.writer().carry(from, to);
		assertArrayEquals(old, Files.readAllBytes(from), "reading the old file leaves it as it was");
		assertEquals(audio, TagFieldsTest.decodedMd5(to), "the new file's audio is bit-identical");
		AudioFixtures.decodes(to);
		return outcome;
	}

	static void assertNoted(WriteOutcome outcome, String... names) {
		for (String name : names) {
			assertTrue(outcome.notes().stream().anyMatch(n -> n.startsWith(name + " not carried")),
					name + " is named as not carried: " + outcome.notes());
		}
	}

	/** "3\timage/png\tFront ✓\t240\t200\t<hex>" without the dimensions, for containers that keep none. */
	static String withoutSize(String picture) {
		String[] p = picture.split("\t");
		return p[0] + "\t" + p[1] + "\t" + p[2] + "\t" + p[5];
	}

	@Test
	void mp3ToFlacCarriesArtworkAndSeratoTagsInTheFormMixxxReads() throws Exception {
		Path mp3 = oldMp3();
		Seen old = read(mp3);
		Path flac = newFile("flac");
		WriteOutcome outcome = carry(mp3, flac);
		Seen seen = read(flac);

		assertEquals(Map.of("title", "Strobe \u2713", "artist", "deadmau5", "album", "For Lack of a Better Name", "bpm", "128",
				"initialkey", "8A", "comment", "checked by ear", "isrc", "CAN110900123"), seen.text());
		assertEquals(1, seen.pictures().size(), seen.pictures().toString());
		assertEquals(withoutSize(old.pictures().get(0)), withoutSize(seen.pictures().get(0)),
				"type, MIME, description and every byte of the image");
		assertTrue(seen.pictures().get(0).startsWith("3\timage/png\tFront \u2713\t240\t200\t"),
				"the dimensions, which APIC has no place for, read from the PNG: " + seen.pictures().get(0));
		for (String name : SERATO_EVERYWHERE) {
			assertEquals(old.dj().get(name), seen.dj().get(name), name + "'s payload, decoded from its FLAC comment");
		}
		assertEquals("SERATO_MARKERS_V2|72|False", seen.forms().get("Serato Markers2"),
				"Serato's comment name, lines of 72 characters, no base64 padding");
		assertEquals("SERATO_BEATGRID|72|False", seen.forms().get("Serato BeatGrid"));
		assertFalse(seen.dj().containsKey("Serato Markers_") || seen.dj().containsKey("Serato Offsets_")
				|| seen.dj().containsKey("TRAKTOR4"), seen.dj().toString());
		assertNoted(outcome, "Serato Markers_", "Serato Offsets_", "TRAKTOR4");
		assertEquals(3, outcome.notes().size(), outcome.notes().toString());
		assertTrue(outcome.replacedExisting());
	}

	@Test
	void flacToMp3CarriesArtworkAndSeratoTagsIntoGeobFrames() throws Exception {
		Path flac = newFile("flac");
		Files.move(flac, flac = dir.resolve("old.flac"));
		python("plant", flac.toString(), cover());
		Seen old = read(flac);
		Path mp3 = newFile("mp3");
		WriteOutcome outcome = carry(flac, mp3);
		Seen seen = read(mp3);

		assertEquals("Strobe \u2713", seen.text().get("TIT2"));
		assertEquals("128", seen.text().get("TBPM"));
		assertEquals("8A", seen.text().get("TKEY"));
		assertEquals("checked by ear", seen.text().get("COMM"));
		assertEquals("CAN110900123", seen.text().get("TSRC"));
		assertEquals(List.of(withoutSize(old.pictures().get(0))), seen.pictures().stream().map(TagCarryTest::withoutSize).toList(),
				"the APIC frame keeps type, MIME, description and image");
		Seen planted = planted();
		for (String name : SERATO_EVERYWHERE) {
			assertEquals(planted.dj().get(name), seen.dj().get(name), name + "'s GEOB object");
			assertEquals("application/octet-stream||0", seen.forms().get(name), "GEOB as Serato writes it");
		}
		assertNoted(outcome, "TRAKTOR4");
		assertEquals(1, outcome.notes().size(), outcome.notes().toString());
	}

	@Test
	void mp3ToM4aCarriesTheCoverAndSeratoItems() throws Exception {
		Path mp3 = oldMp3();
		Seen old = read(mp3);
		Path m4a = newFile("m4a", "-c:a", "aac", "-b:a", "256k");
		WriteOutcome outcome = carry(mp3, m4a);
		Seen seen = read(m4a);

		assertEquals("Strobe \u2713", seen.text().get("\u00a9nam"));
		assertEquals("128", seen.text().get("tmpo"));
		String[] picture = old.pictures().get(0).split("\t");
		assertEquals(List.of("3\timage/png\t\t0\t0\t" + picture[5]), seen.pictures(), "covr keeps the image and its format");
		for (String name : SERATO_EVERYWHERE) {
			assertEquals(old.dj().get(name), seen.dj().get(name), name + "'s payload, decoded from its MP4 item");
		}
		assertEquals("----:com.serato.dj:markersv2", seen.forms().get("Serato Markers2"));
		assertNoted(outcome, "Serato Markers_", "Serato Offsets_", "TRAKTOR4");
		assertTrue(outcome.notes().stream().anyMatch(n -> n.startsWith("MP4 keeps no picture type or description")),
				outcome.notes().toString());
	}

	@Test
	void mp3ToOpusCarriesTheArtworkButNoSeratoTags() throws Exception {
		Path mp3 = oldMp3();
		Seen old = read(mp3);
		Path opus = newFile("opus", "-c:a", "libopus", "-b:a", "128k");
		WriteOutcome outcome = carry(mp3, opus);
		Seen seen = read(opus);

		assertEquals("Strobe \u2713", seen.text().get("title"));
		assertEquals(1, seen.pictures().size(), seen.pictures().toString());
		assertEquals(withoutSize(old.pictures().get(0)), withoutSize(seen.pictures().get(0)),
				"METADATA_BLOCK_PICTURE keeps type, MIME, description and image");
		assertTrue(seen.dj().isEmpty(), seen.dj().toString());
		assertNoted(outcome, "Serato Markers2", "Serato BeatGrid", "Serato Overview", "TRAKTOR4");
	}

	@Test
	void flacToFlacCarriesThePictureAsItWasAndTraktorsComment() throws Exception {
		Path flac = newFile("flac");
		Files.move(flac, flac = dir.resolve("old.flac"));
		python("plant", flac.toString(), cover());
		Seen old = read(flac);
		Path better = newFile("flac");
		WriteOutcome outcome = carry(flac, better);
		Seen seen = read(better);

		assertEquals(old.pictures(), seen.pictures(), "dimensions too");
		assertEquals(old.dj(), seen.dj(), "Serato's payloads and Traktor's comment");
		assertEquals(old.text(), seen.text());
		assertEquals(List.of(), outcome.notes());
	}

	@Test
	void mp3ToAiffCarriesEverythingIntoItsId3Chunk() throws Exception {
		Path mp3 = oldMp3();
		Seen old = read(mp3);
		Path aiff = newFile("aiff");
		WriteOutcome outcome = carry(mp3, aiff);
		Seen seen = read(aiff);

		assertEquals(old.pictures(), seen.pictures());
		Map<String, String> expected = new LinkedHashMap<>(old.dj());
		expected.remove("Serato Offsets_");
		assertEquals(expected, seen.dj(), "Markers_ and Traktor's PRIV frame too: the same ID3 frames");
		assertEquals(old.text(), seen.text());
		assertEquals(1, outcome.notes().size(), outcome.notes().toString());
		assertNoted(outcome, "Serato Offsets_");
	}

	@Test
	void mp3ToMp3CarriesEveryFrameButSeratosIndexOfTheOldFrames() throws Exception {
		Path mp3 = oldMp3();
		Seen old = read(mp3);
		Path better = newFile("mp3");
		WriteOutcome outcome = carry(mp3, better);
		Seen seen = read(better);

		assertEquals(old.pictures(), seen.pictures());
		Map<String, String> expected = new LinkedHashMap<>(old.dj());
		expected.remove("Serato Offsets_");
		assertEquals(expected, seen.dj(), "Markers_ and Traktor's PRIV frame too");
		assertNoted(outcome, "Serato Offsets_");
		assertEquals(Set.of("Serato Offsets_ not carried"),
				Set.copyOf(outcome.notes().stream().map(n -> n.substring(0, n.indexOf(':'))).toList()));
	}
}
