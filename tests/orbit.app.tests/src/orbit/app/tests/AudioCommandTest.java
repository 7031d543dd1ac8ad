package orbit.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.tests.support.Commands;

import orbit.tests.support.ProductProcess;

/**
 * {@code orbit audio} and {@code orbit audio compare} as a user runs them through the product's
 * launcher, on files made by real encoders: a genuine FLAC, a FLAC made from an MP3, a file of
 * random bytes named .mp3, and copies of one recording.
 */
class AudioCommandTest {

	@TempDir
	Path temp;

	@Test
	void measuresEachFileAndReportsABadOneWithoutStoppingTheBatch() throws Exception {
		Path home = Files.createDirectories(temp.resolve("home"));
		Path source = temp.resolve("source.wav");
		Commands.run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", source.toString(), "synth", "12", "whitenoise",
				"sine", "100-21000", "gain", "-8");
		Path genuine = temp.resolve("genuine.flac");
		Commands.run("flac", "-s", "-f", "-o", genuine.toString(), source.toString());
		Path mp3 = temp.resolve("lossy.mp3");
		Commands.run("lame", "--quiet", "-b", "128", source.toString(), mp3.toString());
		Path transcoded = temp.resolve("transcoded.flac");
		Commands.run("ffmpeg", "-v", "error", "-y", "-i", mp3.toString(), "-c:a", "flac", transcoded.toString());
		Path bad = temp.resolve("bad.mp3");
		byte[] noise = new byte[200_000];
		new Random(7).nextBytes(noise);
		Files.write(bad, noise);

		ProductProcess.Run run = ProductProcess.run(temp, home, Map.of(), "audio", genuine.toString(),
				transcoded.toString(), bad.toString());
		assertEquals(1, run.exitCode(), "a file could not be read: " + run.all());
		String out = run.out();
		String genuineReport = out.substring(out.indexOf(genuine.toString()), out.indexOf(transcoded.toString()));
		assertTrue(genuineReport.contains("FLAC, 16 bit, 44.1 kHz, stereo"), genuineReport);
		assertTrue(genuineReport.contains("0:12.000 decoded (529200 frames), as declared"), genuineReport);
		assertTrue(genuineReport.contains("genuine lossless"), genuineReport);
		assertTrue(genuineReport.matches("(?s).*loudness +-\\d+\\.\\d LUFS, true peak -?\\d+\\.\\d dBTP.*"), genuineReport);
		String transcodedReport = out.substring(out.indexOf(transcoded.toString()));
		assertTrue(transcodedReport.contains("transcoded from lossy, about"), transcodedReport);
		assertTrue(out.contains("ERROR " + bad), "the bad file is named: " + out);
		assertTrue(run.err().isBlank() || !run.err().contains("Exception"), "no stack trace: " + run.err());
	}

	@Test
	void comparesCopiesOfOneRecordingWithTheirOffset() throws Exception {
		Path home = Files.createDirectories(temp.resolve("home"));
		Path source = temp.resolve("source.wav");
		Commands.run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", source.toString(), "synth", "15", "pluck", "220",
				"sine", "330-660", "pinknoise", "tremolo", "3", "60", "gain", "-6");
		Path padded = temp.resolve("padded.wav");
		Commands.run("sox", source.toString(), padded.toString(), "pad", "0.5", "0");
		Path flac = temp.resolve("original.flac");
		Commands.run("flac", "-s", "-f", "-o", flac.toString(), source.toString());
		Path mp3 = temp.resolve("padded.mp3");
		Commands.run("lame", "--quiet", "-b", "192", padded.toString(), mp3.toString());
		Path other = temp.resolve("other.flac");
		Commands.run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", other.toString(), "synth", "15", "pluck", "440",
				"sine", "200-900", "brownnoise", "tremolo", "5", "40", "gain", "-6");

		ProductProcess.Run same = ProductProcess.run(temp, home, Map.of(), "audio", "compare", flac.toString(),
				mp3.toString());
		assertEquals(0, same.exitCode(), same.all());
		Matcher offset = Pattern.compile("same recording \\(confidence (\\d\\.\\d+)\\), offset ([+-]\\d+\\.\\d) ms")
				.matcher(same.out());
		assertTrue(offset.find(), same.out());
		assertEquals(500, Double.parseDouble(offset.group(2)), 1.0, same.out());

		ProductProcess.Run different = ProductProcess.run(temp, home, Map.of(), "audio", "compare", flac.toString(),
				other.toString());
		assertEquals(1, different.exitCode(), different.all());
		assertTrue(different.out().contains("different recordings"), different.out());
	}
}
