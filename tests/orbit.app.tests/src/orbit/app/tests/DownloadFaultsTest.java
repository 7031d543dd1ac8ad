package orbit.app.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.tests.support.ProductProcess;
import orbit.tests.support.ProductProcess.Run;

/**
 * {@code orbit download} against a peer on loopback that produces one fault each, through the
 * product's launcher: each ends in seconds with one sentence and exit code 2, a permanent fault
 * keeps nothing, and {@code orbit downloads} afterwards tells the failure and whether it resumes.
 */
class DownloadFaultsTest {

	/** How long any of these downloads may take, start-up of the product included. */
	static final long LIMIT_MILLIS = 30_000;

	@TempDir
	Path temp;

	Path home;
	Path into;
	Peer peer;

	@BeforeAll
	static void findProduct() {
		ProductProcess.launcher();
	}

	@BeforeEach
	void start() throws IOException {
		home = temp.resolve("home");
		into = Files.createDirectories(temp.resolve("inbox"));
		peer = new Peer();
	}

	@AfterEach
	void stop() throws IOException {
		peer.close();
	}

	/** A raw answer to one request; the connection closes after it. */
	@FunctionalInterface
	interface Answer {
		byte[] to(String method, String path, Map<String, String> headers);
	}

	/** An HTTP/1.1 peer on loopback, as bad as its answer makes it. */
	static final class Peer implements AutoCloseable {
		final ServerSocket server;
		final ExecutorService connections = Executors.newCachedThreadPool();
		final List<String> requests = Collections.synchronizedList(new ArrayList<>());
		volatile Answer answer = (method, path, headers) -> ascii("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");

		Peer() throws IOException {
			server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			connections.submit(() -> {
				while (!server.isClosed()) {
					try {
						Socket socket = server.accept();
						connections.submit(() -> serve(socket));
					} catch (IOException closed) {
						return;
					}
				}
			});
		}

		String url(String path) {
			return "http://127.0.0.1:" + server.getLocalPort() + path;
		}

		private void serve(Socket socket) {
			try (socket) {
				BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
				String line = in.readLine();
				if (line == null) {
					return;
				}
				Map<String, String> headers = new HashMap<>();
				for (String header; (header = in.readLine()) != null && !header.isEmpty();) {
					int colon = header.indexOf(':');
					headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), header.substring(colon + 1).strip());
				}
				String[] parts = line.split(" ");
				requests.add(parts[0] + " " + parts[1] + (headers.containsKey("range") ? " " + headers.get("range") : ""));
				OutputStream out = socket.getOutputStream();
				out.write(answer.to(parts[0], parts[1], headers));
				out.flush();
			} catch (IOException gone) {
				// the client went away
			}
		}

		@Override
		public void close() throws IOException {
			server.close();
			connections.shutdownNow();
		}
	}

	static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	static byte[] concat(byte[] head, byte[] body, int length) {
		byte[] all = new byte[head.length + length];
		System.arraycopy(head, 0, all, 0, head.length);
		System.arraycopy(body, 0, all, head.length, length);
		return all;
	}

	static byte[] random(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	record Timed(Run run, long millis) {
	}

	Timed orbit(Map<String, String> environment, String... args) throws IOException, InterruptedException {
		long started = System.nanoTime();
		Run run = ProductProcess.run(temp, home, environment, args);
		return new Timed(run, (System.nanoTime() - started) / 1_000_000);
	}

	Timed download(String url) throws IOException, InterruptedException {
		return orbit(Map.of(), "download", url, "--to", into.toString());
	}

	List<String> leftovers(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map(f -> f.getFileName().toString()).sorted().toList();
		}
	}

	/**
	 * The download failed in time with exit code 2 and one sentence (no stack trace), kept
	 * nothing, and {@code orbit downloads} tells it failed with nothing kept; returns the sentence.
	 */
	String assertFailedForGood(Timed timed, String reason) throws Exception {
		String sentence = assertOneSentence(timed);
		assertTrue(sentence.contains(reason), sentence);
		assertTrue(sentence.endsWith("(nothing was kept)"), sentence);
		assertEquals(List.of(), leftovers(into), "no .part, temp or lock file");
		assertTrue(leftovers(home).stream().noneMatch(f -> f.endsWith(".tmp")), leftovers(home).toString());
		Run downloads = orbit(Map.of(), "downloads").run();
		assertEquals(0, downloads.exitCode(), downloads.all());
		assertTrue(downloads.out().contains("failed: "), downloads.out());
		assertTrue(downloads.out().contains(reason), downloads.out());
		assertTrue(downloads.out().contains("(nothing kept)"), downloads.out());
		assertFalse(downloads.out().contains("resumable"), downloads.out());
		return sentence;
	}

	static String assertOneSentence(Timed timed) {
		Run run = timed.run();
		System.out.printf(Locale.ROOT, "download ended in %d ms with %d: %s%n", timed.millis(), run.exitCode(),
				run.err().strip());
		assertTrue(timed.millis() < LIMIT_MILLIS, "ended in " + timed.millis() + " ms");
		assertEquals(2, run.exitCode(), run.all());
		for (String line : run.all().split("\n")) {
			assertFalse(line.contains("Exception") || line.contains("at org.") || line.contains("at orbit."),
					"no stack trace or class name: " + run.all());
		}
		List<String> said = run.err().lines().filter(l -> !l.isBlank()).toList();
		assertEquals(1, said.size(), run.err());
		String sentence = said.get(0);
		assertTrue(sentence.startsWith("orbit: The download of "), sentence);
		assertEquals(1, sentence.split("\\. ").length, "one sentence: " + sentence);
		return sentence;
	}

	@Test
	void aNulInTheFileNameFailsAtOnce() throws Exception {
		byte[] body = random(1000, 1);
		peer.answer = (method, path, headers) -> concat(ascii("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n"
				+ "Content-Disposition: attachment; filename=\"a\u0000b.mp3\"\r\n\r\n"), body, method.equals("GET") ? 1000 : 0);
		assertFailedForGood(download(peer.url("/nul.mp3")), "not valid HTTP");
		assertEquals(1, peer.requests.size(), "asked once: " + peer.requests);
	}

	@Test
	void aRedirectToAnUnreachableAddressFailsAtOnce() throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		peer.answer = (method, path, headers) -> ascii("HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:" + closed
				+ "/gone.flac\r\nContent-Length: 0\r\n\r\n");
		assertFailedForGood(download(peer.url("/moved.flac")), "nothing answers at 127.0.0.1:" + closed);
	}

	@Test
	void aRedirectLoopFailsAtOnce() throws Exception {
		peer.answer = (method, path, headers) -> ascii("HTTP/1.1 301 Moved Permanently\r\nLocation: "
				+ (path.equals("/a.flac") ? "/b.flac" : "/a.flac") + "\r\nContent-Length: 0\r\n\r\n");
		assertFailedForGood(download(peer.url("/a.flac")), "redirects in a loop");
	}

	@Test
	void aBodyShorterThanItsLengthFailsAtOnce() throws Exception {
		byte[] body = random(100_000, 2);
		peer.answer = (method, path, headers) -> {
			String range = headers.get("range");
			if (range != null) {
				return ascii("HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */100000\r\nContent-Length: 0\r\n\r\n");
			}
			byte[] head = ascii("HTTP/1.1 200 OK\r\nContent-Length: 105000\r\nAccept-Ranges: bytes\r\nETag: \"v1\"\r\n\r\n");
			return concat(head, body, method.equals("GET") ? body.length : 0);
		};
		assertFailedForGood(download(peer.url("/liar.flac")), "announced 105000 bytes but has only 100000");
	}

	@Test
	void aThreeHundredAndFourByteNameKeepsItsMp3() throws Exception {
		byte[] body = random(5000, 3);
		String name = "Extended Mix ".repeat(10) + "\u00e9".repeat(85) + ".mp3";
		assertEquals(304, name.getBytes(StandardCharsets.UTF_8).length);
		String disposition = "attachment; filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
		peer.answer = (method, path, headers) -> concat(ascii("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n"
				+ "Content-Disposition: " + disposition + "\r\n\r\n"), body, method.equals("GET") ? body.length : 0);
		Timed timed = download(peer.url("/long"));
		assertEquals(0, timed.run().exitCode(), timed.run().all());
		assertTrue(timed.millis() < LIMIT_MILLIS, "ended in " + timed.millis() + " ms");
		List<String> files = leftovers(into);
		assertEquals(1, files.size(), files.toString());
		String saved = files.get(0);
		assertTrue(saved.endsWith("\u00e9.mp3"), saved);
		assertTrue(saved.startsWith("Extended Mix Extended Mix"), saved);
		int bytes = saved.getBytes(StandardCharsets.UTF_8).length;
		assertTrue(bytes <= 250 && bytes >= 245, "cut to 255 bytes with its .part: " + bytes);
		assertArrayEquals(body, Files.readAllBytes(into.resolve(saved)));
	}

	@Test
	void aTransientFaultBeyondItsBoundKeepsAResumablePart() throws Exception {
		byte[] body = random(200_000, 4);
		boolean[] dropped = { false };
		peer.answer = (method, path, headers) -> {
			byte[] head = ascii("HTTP/1.1 200 OK\r\nContent-Length: 200000\r\nAccept-Ranges: bytes\r\nETag: \"v1\"\r\n\r\n");
			if (method.equals("HEAD")) {
				return head;
			}
			if (!dropped[0]) {
				dropped[0] = true;
				return concat(head, body, 80_000);
			}
			return ascii("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n");
		};
		Map<String, String> quick = Map.of("ORBIT_JAVA_OPTIONS", "-Dorbit.download.first-retry-ms=200"
				+ " -Dorbit.download.max-retry-ms=500 -Dorbit.download.max-retrying-ms=3000");
		Timed timed = orbit(quick, "download", peer.url("/flaky.flac"), "--to", into.toString());
		String sentence = assertOneSentence(timed);
		assertTrue(sentence.contains("answered HTTP 503 (unavailable)"), sentence);
		assertTrue(sentence.contains("run the same command again later to resume it (80,000 bytes are kept)"), sentence);
		assertEquals(List.of("flaky.flac.part"), leftovers(into));
		assertEquals(80_000, Files.size(into.resolve("flaky.flac.part")));

		Run downloads = orbit(Map.of(), "downloads").run();
		assertEquals(0, downloads.exitCode(), downloads.all());
		assertTrue(downloads.out().contains("failed, resumable: "), downloads.out());
		assertTrue(downloads.out().contains("answered HTTP 503"), downloads.out());

		// The peer is well again: the same command resumes from the kept bytes.
		peer.answer = (method, path, headers) -> {
			String range = headers.get("range");
			int from = range == null ? 0 : Integer.parseInt(range.replace("bytes=", "").replace("-", ""));
			String status = from == 0 ? "200 OK" : "206 Partial Content\r\nContent-Range: bytes " + from + "-199999/200000";
			byte[] head = ascii("HTTP/1.1 " + status + "\r\nContent-Length: " + (200_000 - from)
					+ "\r\nAccept-Ranges: bytes\r\nETag: \"v1\"\r\n\r\n");
			byte[] all = concat(head, new byte[0], 0);
			if (method.equals("HEAD")) {
				return all;
			}
			byte[] rest = new byte[200_000 - from];
			System.arraycopy(body, from, rest, 0, rest.length);
			return concat(head, rest, rest.length);
		};
		Timed again = orbit(Map.of(), "download", peer.url("/flaky.flac"), "--to", into.toString());
		assertEquals(0, again.run().exitCode(), again.run().all());
		assertArrayEquals(body, Files.readAllBytes(into.resolve("flaky.flac")));
		assertTrue(peer.requests.contains("GET /flaky.flac bytes=80000-"), peer.requests.toString());
		assertEquals(List.of("flaky.flac"), leftovers(into));
		Run after = orbit(Map.of(), "downloads").run();
		assertTrue(after.out().contains("No downloads."), after.out());
	}
}
