package orbit.ui.internal.deck;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import orbit.buffer.Buffer;
import orbit.buffer.DeckStatus;
import orbit.buffer.FallbackSpan;
import orbit.buffer.Preset;
import orbit.buffer.PreviewDeck;
import orbit.buffer.RenderSettings;
import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.LibraryListing;
import orbit.ui.internal.Cells;

/**
 * The Preview Deck: plays the track selected in the Library view through the buffer, to hear it
 * with a preset, an intensity and a key-locked tempo before it goes into a set. The waveform
 * overview seeks on a click and shows the playhead, the hot cues and how far the track is decoded;
 * hot cues and beat jumps move the playhead the way a DJ's deck does. The deck is opened on the
 * first load, so a workbench that never previews opens no audio, and closed with the view. Every
 * control returns at once: the deck never waits on rendering.
 */
public class DeckPart {

	/** The view follows the deck this often: a moving playhead wants about 15 frames a second. */
	static final int REFRESH_MILLIS = 66;

	/** The beat jumps offered, in beats. */
	static final int[] JUMPS = { -16, -8, -4, 4, 8, 16 };

	/** The tempo fader's steps: 0.1 % each, from -8 % to +8 %. */
	private static final int TEMPO_STEPS = (int) Math.round(RenderSettings.MAX_TEMPO_PERCENT * 10);

	/** The overview's colours: a dark deck, the played part orange, the rest blue, hot cues green. */
	private static final Color BACKGROUND = new Color(24, 26, 30);
	private static final Color NOT_DECODED = new Color(48, 52, 60);
	private static final Color PLAYED = new Color(255, 160, 40);
	private static final Color AHEAD = new Color(70, 170, 230);
	private static final Color CUE = new Color(90, 220, 90);
	private static final Color CUE_TEXT = new Color(0, 0, 0);
	private static final Color PLAYHEAD = new Color(255, 255, 255);

	private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeckPart.class);

	private static final String NO_BPM = "The track's BPM is unknown: set it in the Track Inspector to jump by beats";

	@Inject
	@Optional
	@Service
	Buffer buffer;

	@Inject
	@Optional
	@Service
	Library library;

	private PreviewDeck deck;
	/** Whether the loaded track's play was counted in its playlists: once per load, at its first Play. */
	private boolean playCounted;
	/** The entry selected in the Library view (kept while another view is active), and the one loaded. */
	private LibraryEntry selected;
	private LibraryEntry loaded;

	private Button load;
	private Button followSelection;
	private Button play;
	private Label track;
	private Canvas overview;
	private final Map<Preset, Button> presets = new EnumMap<>(Preset.class);
	private Scale intensity;
	private Label intensityValue;
	private Scale tempo;
	private Label tempoValue;
	private Button setCue;
	private final Button[] cues = new Button[PreviewDeck.HOT_CUES];
	private final Button[] jumps = new Button[JUMPS.length];
	private Label status;

	/** The overview as last read, and what it was read for: a new read only when more is decoded or the width changed. */
	private float[] peaks = new float[0];
	private double peaksDecoded = -1;
	private DeckStatus shown;
	private final Runnable tick = this::tick;

	@PostConstruct
	public void createControls(Composite parent) {
		parent.setLayout(new GridLayout(1, false));

		Composite transport = row(parent, 4);
		load = new Button(transport, SWT.PUSH);
		load.setText("Load");
		load.setToolTipText("Load the track selected in the Library view");
		load.addListener(SWT.Selection, e -> load());
		play = new Button(transport, SWT.PUSH);
		play.setText("Play");
		play.addListener(SWT.Selection, e -> playPause());
		GridData playLayout = new GridData();
		playLayout.widthHint = 70;
		play.setLayoutData(playLayout);
		followSelection = new Button(transport, SWT.CHECK);
		followSelection.setText("Load on select");
		followSelection.setToolTipText("Load each track as it is selected in the Library view");
		track = new Label(transport, SWT.NONE);
		GridData trackLayout = new GridData(SWT.FILL, SWT.CENTER, true, false);
		trackLayout.horizontalIndent = 16;
		track.setLayoutData(trackLayout);

		overview = new Canvas(parent, SWT.DOUBLE_BUFFERED | SWT.BORDER);
		GridData overviewLayout = new GridData(SWT.FILL, SWT.FILL, true, true);
		overviewLayout.heightHint = 64;
		overviewLayout.minimumHeight = 40;
		overview.setLayoutData(overviewLayout);
		overview.setToolTipText("Click to move the playhead there");
		overview.addListener(SWT.Paint, e -> paint(e.gc));
		overview.addListener(SWT.MouseDown, e -> {
			if (e.button == 1) {
				seekTo(e.x);
			}
		});

		Composite sound = row(parent, 9);
		new Label(sound, SWT.NONE).setText("Preset");
		Composite presetRow = new Composite(sound, SWT.NONE);
		RowLayout presetLayout = new RowLayout(SWT.HORIZONTAL);
		presetLayout.marginTop = presetLayout.marginBottom = 0;
		presetRow.setLayout(presetLayout);
		for (Preset p : Preset.values()) {
			Button button = new Button(presetRow, SWT.RADIO);
			button.setText(label(p));
			button.setData(p);
			button.setSelection(p == Preset.ORIGINAL);
			button.addListener(SWT.Selection, e -> {
				if (button.getSelection()) {
					preset(p);
				}
			});
			presets.put(p, button);
		}
		new Label(sound, SWT.NONE).setText("Intensity");
		intensity = new Scale(sound, SWT.HORIZONTAL);
		intensity.setMinimum(0);
		intensity.setMaximum(100);
		intensity.setPageIncrement(10);
		intensity.setSelection(100);
		intensity.setToolTipText("How much of the preset is applied");
		intensity.setLayoutData(scaleLayout(120));
		intensity.addListener(SWT.Selection, e -> intensityMoved());
		intensityValue = valueLabel(sound, "100 %");
		new Label(sound, SWT.NONE).setText("Tempo");
		tempo = new Scale(sound, SWT.HORIZONTAL);
		tempo.setMinimum(0);
		tempo.setMaximum(2 * TEMPO_STEPS);
		tempo.setIncrement(1);
		tempo.setPageIncrement(10);
		tempo.setSelection(TEMPO_STEPS);
		tempo.setToolTipText("Key-locked tempo change, -8 % to +8 % in steps of 0.1 %");
		tempo.setLayoutData(scaleLayout(160));
		tempo.addListener(SWT.Selection, e -> tempoMoved());
		tempoValue = valueLabel(sound, "+0.0 %");
		Button resetTempo = new Button(sound, SWT.PUSH);
		resetTempo.setText("0");
		resetTempo.setToolTipText("Back to the track's own tempo");
		resetTempo.addListener(SWT.Selection, e -> tempo(0));

		Composite moves = row(parent, 3 + cues.length + jumps.length);
		new Label(moves, SWT.NONE).setText("Hot cues");
		setCue = new Button(moves, SWT.TOGGLE);
		setCue.setText("Set");
		setCue.setToolTipText("The next hot cue pressed is set at the playhead (or Shift+click a hot cue)");
		for (int i = 0; i < cues.length; i++) {
			int n = i + 1;
			Button cue = new Button(moves, SWT.PUSH);
			cue.setText(Integer.toString(n));
			cue.setToolTipText("Hot cue " + n + ": not set; a click sets it at the playhead");
			GridData cueLayout = new GridData();
			cueLayout.widthHint = 64;
			cue.setLayoutData(cueLayout);
			cue.addListener(SWT.Selection, e -> cue(n, (e.stateMask & SWT.SHIFT) != 0 || setCue.getSelection()));
			cues[i] = cue;
		}
		Label jumpLabel = new Label(moves, SWT.NONE);
		jumpLabel.setText("Beat jump");
		GridData jumpLabelLayout = new GridData();
		jumpLabelLayout.horizontalIndent = 16;
		jumpLabel.setLayoutData(jumpLabelLayout);
		for (int i = 0; i < JUMPS.length; i++) {
			int beats = JUMPS[i];
			Button jump = new Button(moves, SWT.PUSH);
			jump.setText((beats > 0 ? "+" : "\u2212") + Math.abs(beats));
			jump.addListener(SWT.Selection, e -> beatJump(beats));
			jumps[i] = jump;
		}

		status = new Label(parent, SWT.NONE);
		status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		show(null);
		tick();
	}

	private static Composite row(Composite parent, int columns) {
		Composite row = new Composite(parent, SWT.NONE);
		GridLayout layout = new GridLayout(columns, false);
		layout.marginWidth = layout.marginHeight = 0;
		row.setLayout(layout);
		row.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		return row;
	}

	private static GridData scaleLayout(int width) {
		GridData layout = new GridData(SWT.FILL, SWT.CENTER, false, false);
		layout.widthHint = width;
		return layout;
	}

	private static Label valueLabel(Composite parent, String text) {
		Label label = new Label(parent, SWT.RIGHT);
		label.setText(text);
		GridData layout = new GridData(SWT.FILL, SWT.CENTER, false, false);
		layout.widthHint = 52;
		label.setLayoutData(layout);
		return label;
	}

	/** "Adaptive", "Punchy": a preset as its radio button reads. */
	static String label(Preset preset) {
		String id = preset.id();
		return Character.toUpperCase(id.charAt(0)) + id.substring(1);
	}

	/** Follows the library's selection; a part without one (this view itself) changes nothing. */
	@Inject
	@Optional
	void selected(@Named(IServiceConstants.ACTIVE_SELECTION) LibraryListing listing) {
		if (listing == null) {
			return;
		}
		selected = listing.entry();
		if (load != null && !load.isDisposed()) {
			load.setToolTipText("Load " + describe(selected));
			enable();
			if (followSelection.getSelection()) {
				load();
			}
		}
	}

	/** Loads the entry selected in the Library view, opening the deck on the first load. */
	public void load() {
		if (selected == null || buffer == null) {
			return;
		}
		if (deck == null) {
			deck = buffer.openDeck(Buffer.DeckOutput.SOUND_CARD);
			// The deck starts as the controls are set.
			deck.preset(chosenPreset());
			deck.intensity(intensity.getSelection() / 100.0);
			deck.tempo(tempoPercent());
		}
		loaded = selected;
		playCounted = false;
		deck.load(Path.of(loaded.filePath()), bpm(loaded));
		peaks = new float[0];
		peaksDecoded = -1;
		track.setText(describe(loaded));
		track.getParent().layout();
		refresh();
	}

	/** The entry's resolved BPM (the user's, the tags' or a provider's), 0 when unknown. */
	static double bpm(LibraryEntry entry) {
		return entry.resolvedBpm().value().orElse(0.0);
	}

	private static String describe(LibraryEntry entry) {
		String artist = Cells.text(entry.artist());
		return (artist.isEmpty() ? "" : artist + " \u2013 ") + entry.displayTitle();
	}

	/** Plays, or pauses when playing, as the Play/Pause button does. */
	public void playPause() {
		if (deck == null) {
			return;
		}
		if (deck.status().playing()) {
			deck.pause();
		} else {
			deck.play();
			countPlay();
		}
		refresh();
	}

	/** Counts a play of the loaded track in the playlists that hold it, off the UI thread. */
	private void countPlay() {
		if (playCounted || loaded == null || library == null) {
			return;
		}
		playCounted = true;
		long entry = loaded.id();
		Library counting = library;
		java.util.concurrent.CompletableFuture.runAsync(() -> counting.countPlay(entry, java.time.Instant.now()))
				.exceptionally(failure -> {
					LOG.warn("Cannot count the play of entry {}: {}", entry, failure.getMessage());
					return null;
				});
	}

	/** Chooses a preset, as its radio button does. */
	public void preset(Preset preset) {
		for (Map.Entry<Preset, Button> button : presets.entrySet()) {
			button.getValue().setSelection(button.getKey() == preset);
		}
		if (deck != null) {
			deck.preset(preset);
		}
		refresh();
	}

	private Preset chosenPreset() {
		return presets.entrySet().stream().filter(b -> b.getValue().getSelection()).map(Map.Entry::getKey).findFirst()
				.orElse(Preset.ORIGINAL);
	}

	private void intensityMoved() {
		intensityValue.setText(intensity.getSelection() + " %");
		if (deck != null) {
			deck.intensity(intensity.getSelection() / 100.0);
			refresh();
		}
	}

	/** Sets the tempo change in percent (rounded to 0.1 %, within ±8 %), as the fader does. */
	public void tempo(double percent) {
		double clamped = Math.max(-RenderSettings.MAX_TEMPO_PERCENT, Math.min(RenderSettings.MAX_TEMPO_PERCENT, percent));
		tempo.setSelection((int) Math.round(clamped * 10) + TEMPO_STEPS);
		tempoMoved();
	}

	private double tempoPercent() {
		return (tempo.getSelection() - TEMPO_STEPS) / 10.0;
	}

	private void tempoMoved() {
		tempoValue.setText(String.format(Locale.ROOT, "%+.1f %%", tempoPercent()));
		if (deck != null) {
			deck.tempo(tempoPercent());
			refresh();
		}
	}

	/**
	 * A hot cue button: jumps to the cue when it is set; sets it at the playhead when it is not, or
	 * when {@code set} (Shift held, or the Set toggle down, which a set releases).
	 */
	public void cue(int n, boolean set) {
		if (deck == null || loaded == null) {
			return;
		}
		if (set || Double.isNaN(deck.status().cues()[n - 1])) {
			deck.setCue(n);
			setCue.setSelection(false);
		} else {
			deck.hotCue(n);
		}
		refresh();
	}

	/** Jumps by beats at the track's BPM, as a beat jump button does. */
	public void beatJump(int beats) {
		if (deck != null && loaded != null && bpm(loaded) > 0) {
			deck.beatJump(beats);
			refresh();
		}
	}

	/** Moves the playhead to the time under {@code x} on the overview, as a click there does. */
	public void seekTo(int x) {
		if (deck == null || shown == null || shown.file() == null || shown.durationSeconds() <= 0) {
			return;
		}
		int width = Math.max(1, overview.getClientArea().width);
		deck.seek(shown.durationSeconds() * Math.max(0, Math.min(x, width)) / width);
		refresh();
	}

	private void tick() {
		if (overview.isDisposed()) {
			return;
		}
		refresh();
		overview.getDisplay().timerExec(REFRESH_MILLIS, tick);
	}

	/** Reads the deck's status and shows it. */
	public void refresh() {
		if (overview.isDisposed()) {
			return;
		}
		show(deck == null ? null : deck.status());
	}

	private void show(DeckStatus now) {
		shown = now;
		if (buffer == null) {
			status.setText("The buffer service is not available: the deck cannot play.");
		} else if (now == null || now.file() == null) {
			status.setText(selected == null ? "Select a track in the Library view, then Load it."
					: "Load the selected track: " + describe(selected));
		} else {
			List<FallbackSpan> fallbacks = deck.fallbacks();
			status.setText(String.format(Locale.ROOT, "%s / %s   decoded %.0f %%   %s   %d fallback span(s)%s",
					clock(now.positionSeconds()), clock(now.durationSeconds()), now.decodedFraction() * 100,
					now.settings(), fallbacks.size(), now.error() == null ? "" : "   \u26a0 " + now.error()));
			if (now.decodedFraction() != peaksDecoded || peaks.length != overview.getClientArea().width) {
				peaks = deck.overview(Math.max(0, overview.getClientArea().width));
				peaksDecoded = now.decodedFraction();
			}
		}
		String playText = now != null && now.playing() ? "Pause" : "Play";
		if (!play.getText().equals(playText)) {
			play.setText(playText);
		}
		for (int i = 0; i < cues.length; i++) {
			double at = now == null || now.cues() == null || i >= now.cues().length ? Double.NaN : now.cues()[i];
			String text = (i + 1) + (Double.isNaN(at) ? "" : "  " + clock(at));
			if (!cues[i].getText().equals(text)) {
				cues[i].setText(text);
				cues[i].setToolTipText(Double.isNaN(at) ? "Hot cue " + (i + 1) + ": not set; a click sets it at the playhead"
						: "Hot cue " + (i + 1) + " at " + clock(at) + ": a click jumps there, Shift+click moves it to the playhead");
			}
		}
		enable();
		overview.redraw();
	}

	private void enable() {
		boolean ready = loaded != null && deck != null;
		load.setEnabled(buffer != null && selected != null);
		play.setEnabled(ready);
		setCue.setEnabled(ready);
		for (Button cue : cues) {
			cue.setEnabled(ready);
		}
		boolean beats = ready && bpm(loaded) > 0;
		for (int i = 0; i < jumps.length; i++) {
			jumps[i].setEnabled(beats);
			jumps[i].setToolTipText(beats ? String.format(Locale.ROOT, "Jump %s %d beats (%.1f BPM)",
					JUMPS[i] < 0 ? "back" : "ahead", Math.abs(JUMPS[i]), bpm(loaded)) : NO_BPM);
		}
	}

	/** "1:05.3": minutes and seconds to a tenth. */
	static String clock(double seconds) {
		if (!Double.isFinite(seconds) || seconds < 0) {
			return "0:00.0";
		}
		long tenths = Math.round(seconds * 10);
		return String.format(Locale.ROOT, "%d:%04.1f", tenths / 600, tenths % 600 / 10.0);
	}

	/**
	 * The overview: a bar per pixel column, the played part brighter than the rest, what is not
	 * decoded yet as a dim band; the hot cues as numbered markers and the playhead as a white line.
	 */
	private void paint(GC gc) {
		Rectangle area = overview.getClientArea();
		gc.setBackground(BACKGROUND);
		gc.fillRectangle(area);
		DeckStatus now = shown;
		if (now == null || now.file() == null || area.width <= 0) {
			return;
		}
		int middle = area.height / 2;
		int decodedTo = (int) Math.round(now.decodedFraction() * area.width);
		int playhead = now.durationSeconds() > 0 ? (int) (now.positionSeconds() / now.durationSeconds() * area.width) : 0;
		gc.setBackground(NOT_DECODED);
		gc.fillRectangle(decodedTo, middle - 1, area.width - decodedTo, 3);
		for (int x = 0; x < Math.min(peaks.length, decodedTo); x++) {
			int half = Math.round(peaks[x] * (area.height / 2 - 2));
			gc.setForeground(x < playhead ? PLAYED : AHEAD);
			gc.drawLine(x, middle - half, x, middle + half);
		}
		double[] cuesNow = now.cues() == null ? new double[0] : now.cues();
		for (int i = 0; i < cuesNow.length; i++) {
			if (Double.isNaN(cuesNow[i]) || now.durationSeconds() <= 0) {
				continue;
			}
			int x = (int) (cuesNow[i] / now.durationSeconds() * area.width);
			gc.setForeground(CUE);
			gc.drawLine(x, 0, x, area.height);
			gc.setBackground(CUE);
			gc.fillRectangle(x, 0, 11, 13);
			gc.setForeground(CUE_TEXT);
			gc.drawString(Integer.toString(i + 1), x + 2, 0, true);
		}
		gc.setForeground(PLAYHEAD);
		gc.setLineWidth(2);
		gc.drawLine(playhead, 0, playhead, area.height);
		gc.setLineWidth(1);
	}

	/** The deck, for tests; null until the first load. */
	public PreviewDeck deck() {
		return deck;
	}

	/** The entry loaded last, for tests; null before the first load. */
	public LibraryEntry loaded() {
		return loaded;
	}

	/** The entry selected in the Library view, for tests. */
	public LibraryEntry selected() {
		return selected;
	}

	/** The widgets a user presses, for tests. */
	public Button playButton() {
		return play;
	}

	public Button loadButton() {
		return load;
	}

	public Button presetButton(Preset preset) {
		return presets.get(preset);
	}

	public Button cueButton(int n) {
		return cues[n - 1];
	}

	public Button jumpButton(int beats) {
		for (int i = 0; i < JUMPS.length; i++) {
			if (JUMPS[i] == beats) {
				return jumps[i];
			}
		}
		throw new IllegalArgumentException("No beat jump of " + beats);
	}

	public Canvas overview() {
		return overview;
	}

	public String statusText() {
		return status.getText();
	}

	@Focus
	public void setFocus() {
		overview.setFocus();
	}

	@PreDestroy
	void dispose() {
		if (deck != null) {
			deck.close();
			deck = null;
		}
	}
}
