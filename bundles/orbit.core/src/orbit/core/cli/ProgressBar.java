package orbit.core.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The command line's progress bar, one line redrawn in place:
 * {@code [###########                   ]  37% 3,702/10,000}. Every command that shows progress
 * (scan, enrich, download) draws it with this class, so they look and behave alike.
 *
 * <p>The line is redrawn when its whole percent changes, or at most five times a second for the
 * words after it: a scan of 100,000 files would otherwise spend its time on the terminal.
 * {@link #finish()} draws the last state and ends the line.
 *
 * <p>Output that is not a terminal (a file, a pipe, a script) gets plain lines instead, without
 * carriage returns: one each tenth of the way, at most one every {@value #PLAIN_SECONDS} s
 * between them, and the last state. {@link #onConsole} chooses.
 */
public final class ProgressBar {

	/** Characters inside the brackets. */
	public static final int WIDTH = 30;
	private static final long REDRAW_NANOS = 200_000_000L;
	static final int PLAIN_SECONDS = 5;

	private final PrintWriter out;
	private final boolean redraw;
	private String drawn = "";
	private int drawnPercent = Integer.MIN_VALUE;
	private long drawnAt;
	/** What was asked for last; {@code pending} while it is not drawn. A null detail is the count. */
	private long pendingDone, pendingTotal;
	private String pendingDetail;
	private boolean pending;

	/** A bar redrawn in place on {@code out}. */
	public ProgressBar(PrintWriter out) {
		this(out, true);
	}

	/** A bar redrawn in place, or with {@code redraw} false plain lines (see the class comment). */
	public ProgressBar(PrintWriter out, boolean redraw) {
		this.out = out;
		this.redraw = redraw;
	}

	/** A bar redrawn in place when the user watches a terminal, else plain lines. */
	public static ProgressBar onConsole(PrintWriter out) {
		return new ProgressBar(out, terminal());
	}

	/**
	 * Whether the process talks to a terminal. From Java 22 a console exists even when output is
	 * redirected, and says whether it is a terminal; before, there is one only for a terminal.
	 */
	static boolean terminal() {
		java.io.Console console = System.console();
		if (console == null) {
			return false;
		}
		try {
			return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
		} catch (ReflectiveOperationException e) {
			return true; // Java 21: a console is a terminal
		}
	}

	/** {@code done} of {@code total} things (files, tracks), shown as {@code 3,702/10,000}. */
	public void count(long done, long total) {
		update(done, total, null);
	}

	/**
	 * {@code done} of {@code total} units with {@code detail} after the percentage; a negative
	 * total is unknown (an empty bar, {@code ?%}), a total of 0 is nothing to do (100%).
	 */
	public void show(long done, long total, String detail) {
		update(done, total, detail == null ? "" : detail);
	}

	private void update(long done, long total, String detail) {
		pendingDone = done;
		pendingTotal = total;
		pendingDetail = detail;
		pending = true;
		int percent = percent(done, total);
		long now = System.nanoTime();
		if (!redraw) {
			// a line each tenth of the way, and between them at most one every few seconds
			boolean nextTenth = percent >= 0 && (drawnPercent == Integer.MIN_VALUE || percent / 10 != drawnPercent / 10);
			if (nextTenth || now - drawnAt >= PLAIN_SECONDS * 1_000_000_000L) {
				draw(now);
			}
			return;
		}
		if (percent != drawnPercent || done == total || now - drawnAt >= REDRAW_NANOS) {
			draw(now);
		}
	}

	/** Draws the last state asked for, if it is not on screen yet, and ends the line. */
	public void finish() {
		if (pending) {
			draw(System.nanoTime());
		}
		if (redraw) {
			out.println();
		}
		out.flush();
	}

	private void draw(long now) {
		String line = line(pendingDone, pendingTotal,
				pendingDetail != null ? pendingDetail : counted(pendingDone, pendingTotal));
		pending = false;
		drawnAt = now;
		drawnPercent = percent(pendingDone, pendingTotal);
		if (line.equals(drawn)) {
			return;
		}
		if (!redraw) {
			out.println(line);
			out.flush();
			drawn = line;
			return;
		}
		// Spaces over the end of a longer line drawn before ("retrying" after "running").
		int wider = drawn.length() - line.length();
		out.print('\r' + line + (wider > 0 ? " ".repeat(wider) : ""));
		out.flush();
		drawn = line;
	}

	/** The line for {@code done} of {@code total} with {@code detail} after the percentage. */
	public static String line(long done, long total, String detail) {
		int percent = percent(done, total);
		int filled = percent < 0 ? 0 : percent * WIDTH / 100;
		String amount = percent < 0 ? "  ?%" : String.format(Locale.ROOT, "%3d%%", percent);
		return "[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + amount
				+ (detail == null || detail.isEmpty() ? "" : " " + detail);
	}

	/** {@code 3,702/10,000}. */
	public static String counted(long done, long total) {
		return String.format(Locale.ROOT, "%,d/%,d", done, total);
	}

	/** The whole percent done, 0..100; -1 when the total is unknown. */
	static int percent(long done, long total) {
		if (total < 0) {
			return -1;
		}
		if (total == 0) {
			return 100;
		}
		return (int) Math.max(0, Math.min(100, done * 100 / total));
	}
}
