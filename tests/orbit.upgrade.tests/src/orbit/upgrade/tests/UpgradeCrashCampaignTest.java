package orbit.upgrade.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.ScanProgress;
import orbit.library.UpgradeCandidate;
import orbit.library.UpgradeState;
import orbit.tests.support.Commands;
import orbit.tests.support.JavaProcess;
import orbit.tests.support.OsgiServices;
import orbit.upgrade.Upgrades;

/**
 * A child JVM upgrades a track from MP3 to FLAC, undoes it, upgrades it again, and is SIGKILLed
 * at random moments, 200 times: one lane with the better copy on the track's volume, one with it
 * on another (a tmpfs, as root). After each kill, recovery leaves exactly the old or the new file
 * as the library's file, both decodable, the kept original present (bit-identical) whenever the
 * new one is in place, no stray file and an empty journal.
 */
class UpgradeCrashCampaignTest {

	static final int KILLS = 200;

	@TempDir
	Path dir;

	/** What the child needs besides its own bundle. */
	static final List<Class<?>> CHILD_CLASS_PATH = List.of(Wiring.class,
			orbit.core.DataDirectory.class, orbit.library.internal.SqliteLibrary.class,
			org.apache.ibatis.session.SqlSession.class, org.sqlite.JDBC.class,
			orbit.recovery.internal.SqliteJournal.class, orbit.safewrite.internal.AtomicFiles.class,
			orbit.upgrade.internal.UpgradeService.class, orbit.audio.AudioDecoder.class,
			com.google.gson.Gson.class, org.slf4j.LoggerFactory.class,
			org.jaudiotagger.audio.AudioFileIO.class, org.jflac.FLACDecoder.class,
			org.apache.commons.csv.CSVFormat.class, org.apache.commons.io.IOUtils.class,
			org.apache.commons.codec.binary.Base64.class, org.eclipse.core.runtime.jobs.Job.class,
			org.eclipse.core.runtime.IProgressMonitor.class);

	@Test
	void twoHundredKillsDuringUpgradesLeaveTheOldOrTheNewStateWhole() throws Exception {
		long seed = Long.getLong("orbit.crash.seed", System.nanoTime());
		System.out.println("Upgrade crash campaign seed: " + seed + " (rerun with -Dorbit.crash.seed=" + seed + ")");
		boolean root = "root".equals(System.getProperty("user.name"));
		// The library's services are set up in this runtime, one lane at a time, before the children start.
		List<Lane> lanes = List.of(Lane.make(dir.resolve("same-volume"), false), Lane.make(dir.resolve("cross-volume"), root));
		// The children start from the JVM's ahead-of-time cache, made by one child on a lane of its own.
		Lane training = Lane.make(dir.resolve("training"), false);
		JavaProcess.train(UpgradeCrashChild.class, CHILD_CLASS_PATH, "ready", training.home().toString(),
				Long.toString(training.candidateId()));
		ExecutorService pool = Executors.newFixedThreadPool(lanes.size());
		try {
			List<Future<int[]>> results = new ArrayList<>();
			for (int i = 0; i < lanes.size(); i++) {
				Lane lane = lanes.get(i);
				Random random = new Random(seed + i);
				results.add(pool.submit(() -> lane.campaign(random, KILLS / lanes.size())));
			}
			int upgrades = 0, undos = 0;
			for (Future<int[]> result : results) {
				try {
					int[] counts = result.get();
					upgrades += counts[0];
					undos += counts[1];
				} catch (ExecutionException e) {
					if (e.getCause() instanceof AssertionError failure) {
						throw failure;
					}
					throw e;
				}
			}
			System.out.printf("Upgrade crash campaign: %d kills (%s); recovery finished %d interrupted upgrades and %d "
					+ "interrupted undos%n", KILLS, root ? "same volume and across volumes" : "same volume only", upgrades,
					undos);
			assertTrue(upgrades + undos > 0, "some kills landed inside a swap");
		} finally {
			pool.shutdownNow();
			for (Lane lane : lanes) {
				lane.unmount();
			}
		}
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		} catch (java.io.IOException e) {
			return e.toString();
		}
	}

	/** One track, its better copy and a data directory of their own. */
	record Lane(Path home, Path music, Path incoming, Path mp3, Path flac, Path target, Path kept, String pristine,
			long entryId, long candidateId, boolean mounted) {

		static Lane make(Path home, boolean crossVolume) throws Exception {
			Path music = Files.createDirectories(home.resolve("music"));
			Path incoming = Files.createDirectories(home.resolve("incoming"));
			if (crossVolume) {
				Commands.run("mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", incoming.toString());
			}
			// Three seconds: each step of the child (a tag write verifies the whole FLAC) is short, so kills land in all of them.
			Path wav = UpgradeFlowTest.source(home, "song", "100-6000", 3);
			Path mp3 = music.resolve("Artist - Song.mp3");
			UpgradeFlowTest.mp3(wav, mp3, 192, "Artist", "Song");
			Path flac = incoming.resolve("Song.flac");
			UpgradeFlowTest.flac(wav, flac, "Artist", "Song");
			Files.delete(wav);
			long[] ids = OsgiServices.withHome(home, Library.class, library -> OsgiServices.with(Upgrades.class, u -> {
				library.scan(music, ScanProgress.NONE);
				UpgradeCandidate c = u.find(List.of(incoming), ScanProgress.NONE).get(0);
				assertEquals(UpgradeState.READY, c.state(), c.reason());
				return new long[] { c.entryId(), c.id() };
			}));
			return new Lane(home, music, incoming, mp3, flac, music.resolve("Artist - Song.flac"),
					music.resolve(".orbit-originals").resolve("Artist - Song.mp3"), UpgradeFlowTest.sha256(mp3), ids[0],
					ids[1], crossVolume);
		}

		/** Returns the interrupted upgrades and undos that recovery finished. */
		String errors() {
			return read(home.resolve("child.err"));
		}

		/** A child on this lane; its errors go to child.err in the lane's home. */
		ProcessBuilder child() {
			return JavaProcess.builder(UpgradeCrashChild.class, CHILD_CLASS_PATH, home.toString(), Long.toString(candidateId))
					.redirectError(home.resolve("child.err").toFile());
		}

		int[] campaign(Random random, int kills) throws Exception {
			int upgrades = 0, undos = 0;
			long starting = 0, recovering = 0, checking = 0;
			for (int kill = 1; kill <= kills; kill++) {
				long t0 = System.nanoTime();
				Process child = child().start();
				try (BufferedReader out = new BufferedReader(
						new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
					String first = out.readLine();
					starting += System.nanoTime() - t0;
					if (!"ready".equals(first)) {
						child.waitFor(10, TimeUnit.SECONDS);
						throw new AssertionError("kill " + kill + ": the child did not start: " + first + " "
								+ errors());
					}
					Thread.sleep(random.nextInt(300));
					child.destroyForcibly();
					assertTrue(child.waitFor(30, TimeUnit.SECONDS));
				}
				long t1 = System.nanoTime();
				try (Wiring wiring = new Wiring(home)) {
					var report = wiring.recover();
					recovering += System.nanoTime() - t1;
					int finished = report.recovered().getOrDefault("upgrade", 0);
					assertEquals(List.of(), wiring.journal.active(), "kill " + kill + ": the journal is empty");
					assertEquals(List.of(), wiring.journal.deadLetters(), "kill " + kill + ": nothing dead-lettered");
					LibraryEntry entry = wiring.library.entry(entryId).orElseThrow();
					UpgradeCandidate candidate = wiring.ledger.candidate(candidateId).orElseThrow();
					if (candidate.state() == UpgradeState.DONE) {
						upgrades += finished;
						assertEquals(target.toString(), entry.filePath(), "kill " + kill + ": the library names the new file");
						Commands.run("flac", "-t", "-s", target.toString());
						assertEquals(pristine, UpgradeFlowTest.sha256(kept), "kill " + kill + ": the original is kept whole");
						assertFalse(Files.exists(mp3), "kill " + kill);
						assertFalse(Files.exists(flac), "kill " + kill);
					} else {
						undos += finished;
						assertEquals(mp3.toString(), entry.filePath(), "kill " + kill + ": the library names the old file");
						assertEquals(pristine, UpgradeFlowTest.sha256(mp3), "kill " + kill + ": the old file is whole");
						Commands.run("flac", "-t", "-s", flac.toString());
						assertFalse(Files.exists(target), "kill " + kill);
						assertFalse(Files.exists(kept), "kill " + kill);
					}
					assertEquals(List.of(), strays(), "kill " + kill + ": no stray file");
					checkRelocations(kill, candidate.state() == UpgradeState.DONE);
				}
				checking += System.nanoTime() - t1;
			}
			System.out.printf("Upgrade crash lane %s: per kill %d ms to the child's first step, %d ms recovery, %d ms "
					+ "recovery and checks%n", home.getFileName(), starting / kills / 1_000_000, recovering / kills / 1_000_000,
					checking / kills / 1_000_000);
			return new int[] { upgrades, undos };
		}

		/**
		 * The relocation list alternates upgrades and undos, each once however often recovery
		 * finished it, and its last move is the one the library shows.
		 */
		private void checkRelocations(int kill, boolean upgraded) throws IOException {
			Path list = home.resolve("relocations.csv");
			if (!Files.exists(list)) {
				assertFalse(upgraded, "kill " + kill + ": an upgrade is listed");
				return;
			}
			List<String> lines = Files.readAllLines(list);
			assertEquals("OldPath,NewPath,OffsetMs,MovedAt", lines.get(0));
			for (int i = 1; i < lines.size(); i++) {
				String expected = (i % 2 == 1 ? mp3 + "," + target : target + "," + mp3) + ",";
				assertTrue(lines.get(i).startsWith(expected), "kill " + kill + ", line " + i + ": " + lines);
			}
			assertEquals(upgraded ? 0 : 1, lines.size() % 2, "kill " + kill + ": the last move is the library's: " + lines);
		}

		/** Any file that is neither the track, its copy, the kept original nor the lane's own. */
		private List<Path> strays() throws Exception {
			List<Path> expected = List.of(mp3, flac, target, kept);
			List<Path> strays = new ArrayList<>();
			for (Path root : List.of(music, incoming)) {
				try (Stream<Path> files = Files.walk(root)) {
					files.filter(Files::isRegularFile).filter(f -> !expected.contains(f)).forEach(strays::add);
				}
			}
			return strays;
		}

		void unmount() throws Exception {
			if (mounted) {
				Commands.run("umount", "-l", incoming.toString());
			}
		}
	}
}
