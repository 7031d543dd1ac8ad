package orbit.safewrite.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import orbit.tests.support.Commands;

/** Real audio made by the Debian encoders, and the Debian tools' view of it. */
final class AudioFixtures {

	private AudioFixtures() {
	}


	/** A stereo 44.1 kHz 16-bit WAV of {@code seconds} of two tones. */
	static Path wav(Path dir, String name, int seconds) throws IOException, InterruptedException {
		Path wav = dir.resolve(name + ".wav");
		Commands.run("sox", "-n", "-r", "44100", "-b", "16", "-c", "2", wav.toString(), "synth", Integer.toString(seconds), "sine",
				"440", "sine", "554");
		return wav;
	}

	static Path flac(Path dir, String name, int seconds, String... tags) throws IOException, InterruptedException {
		Path wav = wav(dir, name, seconds);
		Path flac = dir.resolve(name + ".flac");
		List<String> command = new ArrayList<>(List.of("flac", "--silent", "-5", "-o", flac.toString()));
		for (String tag : tags) {
			command.add("-T");
			command.add(tag);
		}
		command.add(wav.toString());
		Commands.run(command.toArray(String[]::new));
		Files.delete(wav);
		return flac;
	}

	static Path mp3(Path dir, String name, int seconds) throws IOException, InterruptedException {
		Path wav = wav(dir, name, seconds);
		Path mp3 = dir.resolve(name + ".mp3");
		Commands.run("lame", "--quiet", "-b", "192", "--tt", "Original Title", "--ta", "Original Artist", "--tl", "Original Album",
				"--tv", "TBPM=120", wav.toString(), mp3.toString());
		Files.delete(wav);
		return mp3;
	}

	/** Any format ffmpeg writes, tagged with a title. */
	static Path ffmpeg(Path dir, String name, String extension, String... codec) throws IOException, InterruptedException {
		Path out = dir.resolve(name + "." + extension);
		List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-f", "lavfi", "-i",
				"sine=frequency=440:duration=3", "-metadata", "title=Original Title"));
		command.addAll(List.of(codec));
		command.add(out.toString());
		Commands.run(command.toArray(String[]::new));
		return out;
	}

	/** Decodes the whole file with ffmpeg; fails when it reports any error. */
	static void decodes(Path file) throws IOException, InterruptedException {
		String errors = Commands.run("ffmpeg", "-v", "error", "-i", file.toString(), "-f", "null", "-");
		if (!errors.isBlank()) {
			throw new AssertionError(file + " does not decode cleanly: " + errors);
		}
	}
}
