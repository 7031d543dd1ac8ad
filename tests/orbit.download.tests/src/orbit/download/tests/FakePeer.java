package orbit.download.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A download peer on loopback that speaks HTTP/1.1 (HEAD, GET, Range, If-Range, ETag) and
 * misbehaves on request: stalls mid-body, drops the connection, ignores Range, changes the
 * content between attempts, lies about Content-Length, sends hostile file names.
 */
final class FakePeer implements AutoCloseable {

	private final ServerSocket server;
	private final ExecutorService connections = Executors.newCachedThreadPool();
	final List<String> requests = Collections.synchronizedList(new ArrayList<>());
	final AtomicInteger gets = new AtomicInteger();

	volatile byte[] content = new byte[0];
	volatile int version = 1;
	volatile boolean acceptRanges = true;
	/** Sends this many bytes of the next GET, then stops sending (keeping the socket open). */
	volatile long stallAfter = -1;
	/** Sends this many bytes of the next GET, then closes the connection. */
	volatile long dropAfter = -1;
	/** A dropped connection ends with a reset (RST), not a clean close. */
	volatile boolean resetOnDrop;
	/** Runs once after a dropped connection, before the client can come back. */
	volatile Runnable afterDrop;
	/** Announced Content-Length minus the real one (a liar says more than it sends). */
	volatile long lengthLie;
	volatile String disposition;
	/** Delay before answering a GET, to keep a worker busy. */
	volatile long answerDelayMillis;
	/** Sends the body this slowly (bytes per 10 ms chunk), or at full speed when 0. */
	volatile int trickle;
	/** Answers a request itself when it returns a raw response (sent as is, then the connection closes). */
	volatile Script script;

	/** A raw answer to one request, or null to serve the content as usual. */
	@FunctionalInterface
	interface Script {
		String answer(String method, String path, Map<String, String> headers);
	}

	FakePeer() throws IOException {
		server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		connections.submit(this::accept);
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
	}

	void change(byte[] newContent) {
		content = newContent;
		version++;
	}

	String etag() {
		return "\"v" + version + "-" + content.length + "\"";
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket socket = server.accept();
				connections.submit(() -> serve(socket));
			} catch (IOException closed) {
				return;
			}
		}
	}

	private void serve(Socket socket) {
		try (socket) {
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
			OutputStream out = socket.getOutputStream();
			while (true) {
				String requestLine = in.readLine();
				if (requestLine == null || requestLine.isEmpty()) {
					return;
				}
				Map<String, String> headers = new HashMap<>();
				for (String line; (line = in.readLine()) != null && !line.isEmpty();) {
					int colon = line.indexOf(':');
					headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
				}
				String method = requestLine.split(" ")[0];
				requests.add(requestLine + (headers.containsKey("range") ? " " + headers.get("range") : ""));
				Script s = script;
				String raw = s == null ? null : s.answer(method, requestLine.split(" ")[1], headers);
				if (raw != null) {
					out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
					out.flush();
					return;
				}
				if (!respond(method, headers, out)) {
					if (resetOnDrop) {
						// A lingering time of zero closes with a reset, as a crashing peer or a middlebox does.
						socket.setSoLinger(true, 0);
					}
					return;
				}
			}
		} catch (IOException | InterruptedException e) {
			// the client went away: normal for stalls and cancels
		}
	}

	/** Returns whether the connection may be reused. */
	private boolean respond(String method, Map<String, String> headers, OutputStream out)
			throws IOException, InterruptedException {
		byte[] body = content;
		long start = 0;
		int status = 200;
		String range = headers.get("range");
		String ifRange = headers.get("if-range");
		if (method.equals("GET") && range != null && acceptRanges && (ifRange == null || ifRange.equals(etag()))) {
			start = Long.parseLong(range.replace("bytes=", "").replace("-", "").strip());
			status = 206;
			if (start >= body.length) {
				// As real servers do: the range starts past the end of what there is.
				out.write(("HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */" + body.length
						+ "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
				return true;
			}
		}
		long length = body.length - start;
		StringBuilder response = new StringBuilder();
		response.append("HTTP/1.1 ").append(status).append(status == 206 ? " Partial Content" : " OK").append("\r\n");
		response.append("Content-Length: ").append(length + lengthLie).append("\r\n");
		response.append("ETag: ").append(etag()).append("\r\n");
		if (acceptRanges) {
			response.append("Accept-Ranges: bytes\r\n");
		}
		if (status == 206) {
			response.append("Content-Range: bytes ").append(start).append('-').append(body.length - 1).append('/')
					.append(body.length).append("\r\n");
		}
		if (disposition != null) {
			response.append("Content-Disposition: ").append(disposition).append("\r\n");
		}
		response.append("\r\n");
		if (method.equals("GET") && answerDelayMillis > 0) {
			Thread.sleep(answerDelayMillis);
		}
		out.write(response.toString().getBytes(StandardCharsets.ISO_8859_1));
		if (method.equals("HEAD")) {
			out.flush();
			return true;
		}
		gets.incrementAndGet();
		long stall = stallAfter;
		long drop = dropAfter;
		stallAfter = -1;
		dropAfter = -1;
		long limit = length;
		if (stall >= 0) {
			limit = Math.min(limit, stall);
		}
		if (drop >= 0) {
			limit = Math.min(limit, drop);
		}
		int chunk = trickle > 0 ? trickle : 64 * 1024;
		for (long sent = 0; sent < limit;) {
			int n = (int) Math.min(chunk, limit - sent);
			out.write(body, (int) (start + sent), n);
			sent += n;
			if (trickle > 0) {
				out.flush();
				Thread.sleep(10);
			}
		}
		out.flush();
		Runnable hook = afterDrop;
		if (drop >= 0 && hook != null) {
			afterDrop = null;
			hook.run();
		}
		if (stall >= 0) {
			// Keep the connection open and silent, as a stalled peer does.
			Thread.sleep(60_000);
			return false;
		}
		return drop < 0 && lengthLie == 0;
	}

	@Override
	public void close() throws IOException {
		server.close();
		connections.shutdownNow();
	}
}
