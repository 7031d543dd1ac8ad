package orbit.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import orbit.core.cli.ProgressBar;

/** The one progress bar of the command line: how it reads, and how often it is drawn. */
class ProgressBarTest {

	@Test
	void theBarFillsWithThePercentAndTellsTheCount() {
		assertEquals("[                              ]   0% 0/10,000", ProgressBar.line(0, 10_000, "0/10,000"));
		assertEquals("[###########                   ]  37% 3,702/10,000",
				ProgressBar.line(3_702, 10_000, ProgressBar.counted(3_702, 10_000)));
		assertEquals("[##############################] 100% done", ProgressBar.line(7, 7, "done"));
		assertEquals("[##############################] 100%", ProgressBar.line(0, 0, ""), "nothing to do is done");
		assertEquals("[                              ]   ?% 1.5/? MB", ProgressBar.line(1_500_000, -1, "1.5/? MB"),
				"an unknown total");
	}

	@Test
	void aLineIsDrawnWhenItsPercentChangesAndTheLastOneAtTheEnd() {
		StringWriter text = new StringWriter();
		ProgressBar bar = new ProgressBar(new PrintWriter(text));
		for (int done = 1; done <= 1000; done++) {
			bar.count(done, 1000);
		}
		bar.finish();
		String[] drawn = text.toString().split("\r");
		// One line per whole percent (0% to 100%), not one per file; a slow run adds one every 200 ms.
		int lines = drawn.length - 1;
		assertTrue(lines >= 101 && lines <= 110, "drawn " + lines + " times");
		assertEquals("[##############################] 100% 1,000/1,000" + System.lineSeparator(), drawn[drawn.length - 1]);
	}

	@Test
	void aShorterLineCoversTheLongerOneBeforeIt() {
		StringWriter text = new StringWriter();
		ProgressBar bar = new ProgressBar(new PrintWriter(text));
		bar.show(10, 100, "1.0/10.0 MB retrying");
		bar.show(20, 100, "2.0/10.0 MB running");
		bar.finish();
		String[] drawn = text.toString().split("\r");
		assertEquals("[######                        ]  20% 2.0/10.0 MB running " + System.lineSeparator(), drawn[2]);
	}

	@Test
	void withoutATerminalPlainLinesEachTenthOfTheWay() {
		StringWriter text = new StringWriter();
		ProgressBar bar = new ProgressBar(new PrintWriter(text), false);
		for (int done = 0; done <= 1000; done++) {
			bar.count(done, 1000);
		}
		bar.finish();
		assertFalse(text.toString().contains("\r"), text.toString());
		java.util.List<String> lines = text.toString().lines().toList();
		// 0%, 10%, ... 100%: eleven lines, the last one the end state
		assertEquals(11, lines.size(), text.toString());
		assertEquals("[###                           ]  10% 100/1,000", lines.get(1));
		assertEquals("[##############################] 100% 1,000/1,000", lines.get(10));
	}
}
