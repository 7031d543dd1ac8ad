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
 */
public final class ProgressBar {

	/** Characters inside the brackets. */
	public static final int WIDTH = 30;
	private static final long REDRAW_NANOS = 200_000_000L;

	private final PrintWriter out;
	private String drawn = "";
	private int drawnPercent = Integer.MIN_VALUE;
	private long drawnAt;
	/** What was asked for last; {@code pending} while it is not drawn. A null detail is the count. */
	private long pendingDone, pendingTotal;
	private String pendingDetail;
	private boolean pending;

	public ProgressBar(PrintWriter out) {
		this.out = out;
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
		if (percent != drawnPercent || done == total || now - drawnAt >= REDRAW_NANOS) {
			draw(now);
		}
	}

	/** Draws the last state asked for, if it is not on screen yet, and ends the line. */
	public void finish() {
		if (pending) {
			draw(System.nanoTime());
		}
		out.println();
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
