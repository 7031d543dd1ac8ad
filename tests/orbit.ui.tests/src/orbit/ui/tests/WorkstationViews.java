package orbit.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.osgi.framework.ServiceRegistration;

import orbit.tests.support.Commands;
import orbit.core.DataDirectory;
import orbit.enrichment.Enrichment;
import orbit.enrichment.ProviderCredentials;
import orbit.library.KeyNotation;
import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.MetadataSource;
import orbit.library.OnlineMetadataStore;
import orbit.library.OnlineAnswer;
import orbit.library.ScanProgress;
import orbit.recovery.Checkpoint;
import orbit.recovery.CrashRecoveryJournal;
import orbit.recovery.RecoveryHandler;
import orbit.recovery.RecoveryOutcome;
import orbit.recovery.StartupRecovery;
import orbit.tests.support.FakeMusicServices;
import orbit.tests.support.FakeMusicServices.Fault;
import orbit.tests.support.OsgiServices;
import orbit.ui.internal.Cells;
import orbit.ui.internal.WorkstationPreferences;
import orbit.ui.internal.activity.ActivityPart;
import orbit.ui.internal.deadletters.DeadLettersPart;
import orbit.ui.internal.inspector.InspectorPart;
import orbit.ui.internal.library.LibraryPart;
import orbit.ui.internal.notifications.RecoveryToast;
import orbit.ui.internal.preferences.PreferencesDialog;

/**
 * The workstation's views with the real application model, a real library database of 100,000
 * entries and a real FLAC file, the real recovery journal and the enrichment providers pointed at a counting fake:
 * the recovery toast after a recovery that did work (and none after one that did none), the
 * inspector filled without a single request, a manual BPM pinned in the Library view and
 * recorded in the history, tags written to the file through SafeWrite, a dead letter retried out
 * of its view, the providers' circuits in Activity and the preferences stored (the notation
 * followed by the views, the credentials encrypted). Each view is saved as a screenshot.
 */
final class WorkstationViews {

	private static final String HANDLED = "UiTestOperation";
	/** Entries besides the real FLAC file: the views are checked at the size of a big DJ library. */
	static final int ENTRIES = 100_000;

	private final Path home;

	private final String homeBefore = System.getProperty(DataDirectory.HOME_PROPERTY);
	private ServiceRegistration<RecoveryHandler> handler;
	/** While set, the handler fails operations whose target contains "stuck" (they become dead letters). */
	private final AtomicBoolean stuck = new AtomicBoolean(true);
	private static FakeMusicServices services;

	WorkstationViews(Path home) throws Exception {
		this.home = home;
		services = UiFakes.start();
	}

	private void restore() throws Exception {
		if (handler != null) {
			handler.unregister();
		}
		services.rateLimit(Integer.MAX_VALUE, 1, 1);
		if (homeBefore == null) {
			System.clearProperty(DataDirectory.HOME_PROPERTY);
		} else {
			System.setProperty(DataDirectory.HOME_PROPERTY, homeBefore);
		}
		var node = InstanceScope.INSTANCE.getNode(WorkstationPreferences.NODE);
		node.clear();
		node.flush();
	}

	private void registerHandler() {
		handler = OsgiServices.context().registerService(RecoveryHandler.class, new RecoveryHandler() {
			@Override
			public String operationType() {
				return HANDLED;
			}

			@Override
			public String displayName() {
				return "playlist export";
			}

			@Override
			public RecoveryOutcome recover(Checkpoint checkpoint) {
				return checkpoint.targetPath().contains("stuck") && stuck.get()
						? RecoveryOutcome.failed("the target folder is read-only")
						: RecoveryOutcome.recovered("finished");
			}

			@Override
			public RecoveryOutcome abandon(Checkpoint checkpoint) {
				return RecoveryOutcome.recovered("cleaned up");
			}
		}, null);
	}

	void run() throws Exception {
		try {
			scenario();
		} finally {
			restore();
		}
	}

	private void scenario() throws Exception {
		// A real FLAC file among 2,000 entries.
		Path music = Files.createDirectories(home.resolve("music"));
		Path flac = music.resolve("Moderat - Reminder.flac");
		Commands.run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", flac.toString(), "synth", "4", "sine", "330");
		Commands.run("metaflac", "--set-tag=ARTIST=Moderat", "--set-tag=TITLE=Reminder", "--set-tag=ALBUM=III",
				"--set-tag=BPM=117", "--set-tag=INITIALKEY=11A", flac.toString());
		WorkstationTest.fillLibrary(home, ENTRIES);
		long flacId = OsgiServices.withHome(home, Library.class, library -> {
			library.scan(music, ScanProgress.NONE);
			return library.entryAt(flac).orElseThrow().id();
		});
		// Entry 1 has cached answers from both providers (one disagrees on the key).
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		OsgiServices.withHome(home, OnlineMetadataStore.class, store -> {
			store.store(List.of(
					new OnlineAnswer("spotify", 1, true, "sp1", 121.0, "4A", 205, "GBDUW0000059", now,
							now.plus(30, ChronoUnit.DAYS)),
					new OnlineAnswer("deezer", 1, true, "3135556", 121.3, "5A", 205, "GBDUW0000059", now,
							now.plus(30, ChronoUnit.DAYS))));
			return null;
		});
		// Recovery: one operation that fails three starts running becomes a dead letter; one that
		// waits now is recovered when the workstation starts.
		registerHandler();
		OsgiServices.withHome(home, CrashRecoveryJournal.class, journal -> {
			journal.log(HANDLED, home.resolve("exports/stuck/set.m3u8"), "{}", 5);
			return null;
		});
		for (int start = 0; start < 3; start++) {
			OsgiServices.withHome(home, StartupRecovery.class, StartupRecovery::recover);
		}
		assertEquals(1, OsgiServices.withHome(home, CrashRecoveryJournal.class, j -> j.deadLetters().size()));
		OsgiServices.withHome(home, CrashRecoveryJournal.class,
				journal -> journal.log(HANDLED, home.resolve("exports/warmup.m3u8"), "{}", 5));
		// The user keeps background enrichment off: no request may leave without being asked for.
		InstanceScope.INSTANCE.getNode(WorkstationPreferences.NODE).putBoolean(WorkstationPreferences.BACKGROUND_ENRICHMENT,
				false);

		System.setProperty(DataDirectory.HOME_PROPERTY, home.toString());
		Workbench.run(workbench -> {
			// 1. The toast of the start-up recovery, which did work.
			workbench.waitUntil("the start-up recovery", () -> OsgiServices.with(CrashRecoveryJournal.class, j -> j.active().isEmpty()));
			Shell toast = workbench.waitFor("the recovery toast", () -> toast(workbench));
			String summary = workbench.ui(() -> (String) toast.getData(RecoveryToast.SHELL_KEY));
			assertTrue(summary.contains("Recovered 1 playlist export"), summary);
			workbench.screenshot(workbench.shell(), "recovery-toast");
			workbench.ui(toast::dispose);
			// ... and none after a recovery that did nothing.
			OsgiServices.with(StartupRecovery.class, StartupRecovery::recover);
			Workbench.sleep(1500);
			assertNull(workbench.ui(() -> toast(workbench)), "no toast after a recovery that did no work");

			// 2. Selecting a track fills the inspector from the database alone.
			LibraryPart library0 = workbench.part("orbit.ui.part.library", LibraryPart.class);
			Table table = library0.table();
			workbench.waitUntil("the listing", () -> table.getItemCount() == ENTRIES + 1);
			InspectorPart inspector = workbench.part("orbit.ui.part.inspector", InspectorPart.class);
			LibraryPart library = workbench.part("orbit.ui.part.library", LibraryPart.class);
			long requestsBefore = services.requests().size();
			assertFalse(queued(2), "entry 2 waits for nothing yet");
			select(workbench, table, 0);
			workbench.waitUntil("entry 1 in the inspector", () -> inspector.shownEntryId() == 1);
			// Each provider's answer under its own name, in the provider order; the online value names its provider.
			workbench.ui(() -> {
				assertEquals(List.of("spotify", "deezer"), Arrays.stream(inspector.answersTable().getItems())
						.map(i -> i.getText(0)).toList());
				assertEquals("121.0  (spotify)", inspector.sourcesTable().getItem(0).getText(3));
				assertTrue(inspector.goldVerdict().contains("key: spotify 4A and deezer 5A differ"), inspector.goldVerdict());
			});
			select(workbench, table, 1);
			workbench.waitUntil("entry 2 in the inspector", () -> inspector.shownEntryId() == 2);
			workbench.waitUntil("entry 2, with nothing cached, queued for enrichment", () -> queued(2));
			assertEquals(requestsBefore, services.requests().size(), "the inspector sent no request");
			assertFalse(queued(1), "entry 1 was served from the cache");

			// 3. A manual BPM and key: pinned in the Library view, recorded in the history.
			select(workbench, table, 0);
			workbench.waitUntil("entry 1 in the inspector", () -> inspector.shownEntryId() == 1);
			long fills = inspector.fills();
			workbench.ui(() -> {
				inspector.type("122", "4A", false);
				inspector.applyOverrides();
			});
			workbench.waitUntil("the inspector filled again", () -> inspector.fills() > fills && inspector.message().startsWith("Saved"));
			LibraryEntry one = OsgiServices.with(Library.class, l -> l.entry(1).orElseThrow());
			assertEquals(122.0, one.manualBpm());
			assertEquals(MetadataSource.USER, one.resolvedBpm().source());
			workbench.waitUntil("the pin mark in the Library view",
					() -> table.getItem(0).getText(LibraryPart.Column.BPM.ordinal()).equals("122.0 " + Cells.PIN));
			workbench.ui(() -> assertTrue(Arrays.stream(inspector.historyTable().getItems())
					.anyMatch(i -> i.getText(1).equals("ManualBPM") && i.getText(3).equals("122.0") && i.getText(4).equals("you")),
					"a history row of the manual BPM"));
			workbench.ui(() -> assertEquals("122.0  (you)  " + Cells.PIN, inspector.sourcesTable().getItem(0).getText(4)));
			workbench.screenshot(workbench.shell(), "inspector");

			// 4. Tags written to the real file through SafeWrite.
			workbench.ui(() -> library.filter("Reminder"));
			workbench.waitUntil("the FLAC entry alone", () -> table.getItemCount() == 1);
			select(workbench, table, 0);
			workbench.waitUntil("the FLAC entry in the inspector", () -> inspector.shownEntryId() == flacId);
			long filled = inspector.fills();
			workbench.ui(() -> {
				inspector.type("118", "", false);
				inspector.applyOverrides();
			});
			workbench.waitUntil("the override shown", () -> inspector.fills() > filled && OsgiServices
					.with(Library.class, l -> l.entry(flacId).orElseThrow().manualBpm() != null));
			workbench.ui(inspector::writeTags);
			workbench.waitUntil("the tag write", () -> inspector.message().startsWith("Written"));
			String written = Commands.run("metaflac", "--show-tag=BPM", flac.toString()).strip();
			assertTrue(written.equals("BPM=118.0") || written.equals("BPM=118"), written);
			Commands.run("flac", "-t", "-s", flac.toString());
			workbench.waitUntil("the file's new BPM in the library", () -> OsgiServices
					.with(Library.class, l -> Double.valueOf(118.0).equals(l.entry(flacId).orElseThrow().bpm())));
			workbench.ui(() -> library.filter(""));

			// 5. The dead letter, retried from its view, leaves it.
			DeadLettersPart deadLetters = workbench.part("orbit.ui.part.deadletters", DeadLettersPart.class);
			Table letters = deadLetters.table();
			workbench.waitUntil("the dead letter", () -> letters.getItemCount() == 1);
			workbench.ui(() -> {
				assertEquals(HANDLED, letters.getItem(0).getText(0));
				assertTrue(letters.getItem(0).getText(1).endsWith("set.m3u8"));
				assertEquals("3", letters.getItem(0).getText(2));
				assertTrue(letters.getItem(0).getText(3).contains("read-only"), letters.getItem(0).getText(3));
			});
			workbench.screenshot(workbench.shell(), "dead-letters");
			// Its log, fsynced beside the journal, names it; the view opens it or says where it is.
			Path log = OsgiServices.with(CrashRecoveryJournal.class, CrashRecoveryJournal::deadLetterLog);
			assertTrue(Files.readString(log).contains("set.m3u8"), Files.readString(log));
			assertTrue(workbench.ui(deadLetters::canOpenLog));
			if (!workbench.ui(deadLetters::openLog)) {
				assertTrue(workbench.ui(deadLetters::status).endsWith(log.toString()), workbench.ui(deadLetters::status));
			}
			stuck.set(false);
			workbench.ui(() -> {
				letters.setSelection(0);
				deadLetters.retrySelected();
			});
			workbench.waitUntil("the dead letter gone", () -> letters.getItemCount() == 0);
			workbench.waitUntil("the retried operation finished by recovery",
					() -> OsgiServices.with(CrashRecoveryJournal.class, j -> j.deadLetters().size() + j.active().size()) == 0);

			// 6. Activity: the jobs that ran, and a provider's circuit opened by a 429.
			services.rateLimit(Integer.MAX_VALUE, 1, 120);
			services.inject("spotify", Fault.TOO_MANY_REQUESTS, 1);
			OsgiServices.with(Enrichment.class, e -> e.run("spotify", 5, new NullProgressMonitor()));
			ActivityPart activity = workbench.part("orbit.ui.part.activity", ActivityPart.class);
			workbench.waitUntil("Spotify degraded", () -> Arrays.stream(activity.providersTable().getItems())
					.anyMatch(i -> i.getText(0).equals("Spotify") && i.getText(1).startsWith("degraded: refused until")));
			workbench.waitUntil("the tag write among the jobs", () -> Arrays.stream(activity.jobsTable().getItems())
					.anyMatch(i -> i.getText(0).startsWith("Writing tags to") && i.getText(1).equals("done")));
			workbench.screenshot(workbench.shell(), "activity");
			// A running Job is cancelled from the view: it stops at its next check and says so.
			java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
			org.eclipse.core.runtime.jobs.Job slow = org.eclipse.core.runtime.jobs.Job.create("Reading a long folder",
					monitor -> {
						monitor.beginTask("Reading a long folder", 1000);
						started.countDown();
						for (int i = 0; i < 1000; i++) {
							if (monitor.isCanceled()) {
								return org.eclipse.core.runtime.Status.CANCEL_STATUS;
							}
							monitor.subTask("file " + i);
							monitor.worked(1);
							Workbench.sleep(100);
						}
						return org.eclipse.core.runtime.Status.OK_STATUS;
					});
			slow.setUser(true);
			slow.schedule();
			assertTrue(started.await(20, java.util.concurrent.TimeUnit.SECONDS));
			int row = workbench.waitFor("the running Job in Activity", () -> {
				TableItem[] items = activity.jobsTable().getItems();
				for (int i = 0; i < items.length; i++) {
					if (items[i].getText(0).equals("Reading a long folder") && items[i].getText(1).equals("running")) {
						return i;
					}
				}
				return null;
			});
			select(workbench, activity.jobsTable(), row);
			assertTrue(workbench.ui(activity::canCancel), "Cancel is offered for a running Job");
			workbench.ui(activity::cancelSelected);
			assertTrue(slow.join(20_000, null), "the Job ended after Cancel");
			assertEquals(org.eclipse.core.runtime.IStatus.CANCEL, slow.getResult().getSeverity());
			workbench.waitUntil("the Job shown as cancelled", () -> Arrays.stream(activity.jobsTable().getItems())
					.anyMatch(i -> i.getText(0).equals("Reading a long folder") && i.getText(1).equals("cancelled")));

			// 7. Preferences: Open Key everywhere; Spotify's credentials stored encrypted.
			workbench.ui(() -> {
				ECommandService commands = workbench.context().get(ECommandService.class);
				EHandlerService handlers = workbench.context().get(EHandlerService.class);
				ParameterizedCommand command = commands.createCommand("orbit.ui.command.preferences", null);
				workbench.display.asyncExec(() -> handlers.executeHandler(command));
			});
			PreferencesDialog dialog = workbench.waitFor("the preferences", () -> {
				for (Shell shell : workbench.display.getShells()) {
					for (Shell child : shell.getShells()) {
						if (child.getData() instanceof PreferencesDialog d && child.isVisible()) {
							return d;
						}
					}
				}
				return null;
			});
			workbench.ui(() -> {
				dialog.addFolder(music);
				dialog.chooseNotation(KeyNotation.OPEN_KEY);
				dialog.showTab(2);
				dialog.enterCredential("spotify", "client-id", "my-client-id");
				dialog.enterCredential("spotify", "client-secret", "my-very-secret-value");
			});
			workbench.screenshot(workbench.ui(dialog::getShell), "preferences");
			workbench.ui(dialog::save);
			assertEquals(KeyNotation.OPEN_KEY, WorkstationPreferences.keyNotation());
			assertEquals(List.of(music), WorkstationPreferences.libraryFolders());
			workbench.waitUntil("Open Key in the Library view",
					() -> table.getItemCount() > 0 && table.getItem(0).getText(LibraryPart.Column.KEY.ordinal()).equals("9m " + Cells.PIN));
			assertEquals("my-very-secret-value",
					OsgiServices.with(ProviderCredentials.class, c -> c.get("spotify", "client-secret").orElseThrow()));
			String stored = Files.readString(home.resolve("secure_storage"));
			assertFalse(stored.contains("my-very-secret-value"), "the secret is encrypted at rest");
			workbench.screenshot(workbench.shell(), "library-open-key");

			// 8. The Library view at 100,000 rows: the last row read on demand, sorting and filtering.
			workbench.ui(() -> {
				assertEquals("Daft Punk", table.getItem(0).getText(LibraryPart.Column.ARTIST.ordinal()));
				assertEquals("Rain (edit 9999)", table.getItem(ENTRIES - 1).getText(LibraryPart.Column.TITLE.ordinal()));
			});
			for (int click = 0; click < 2; click++) {
				workbench.ui(() -> table.getColumn(LibraryPart.Column.TITLE.ordinal()).notifyListeners(SWT.Selection, null));
			}
			workbench.waitUntil("titles in descending order", () -> table.getItemCount() == ENTRIES + 1
					&& table.getItem(0).getText(LibraryPart.Column.TITLE.ordinal()).startsWith("Silhouettes"));
			workbench.screenshot(workbench.shell(), "workstation-library");
			workbench.ui(() -> library.filter("nanana"));
			workbench.waitUntil("the filter", () -> table.getItemCount() == ENTRIES / 10);
			// typed as DJs type it: no accent, any case
			workbench.ui(() -> library.filter("ROYKSOPP"));
			workbench.waitUntil("Röyksopp without the accent", () -> table.getItemCount() == ENTRIES / 10
					&& table.getItem(0).getText(LibraryPart.Column.ARTIST.ordinal()).equals("Röyksopp"));
			workbench.ui(() -> assertEquals(0, table.getTopIndex(), "a new filter shows its first rows"));
			workbench.screenshot(workbench.shell(), "library-search-folded");
		});
	}

	private static boolean queued(long entryId) {
		return OsgiServices.with(Library.class, l -> l.listings(new long[] { entryId }).get(0).state().enrichmentQueued());
	}

	private static Shell toast(Workbench workbench) {
		for (Shell shell : workbench.display.getShells()) {
			for (Shell child : shell.getShells()) {
				if (child.getData(RecoveryToast.SHELL_KEY) != null && child.isVisible()) {
					return child;
				}
			}
			if (shell.getData(RecoveryToast.SHELL_KEY) != null && shell.isVisible()) {
				return shell;
			}
		}
		return null;
	}

	/** Selects a row as a click would: the table's selection, then its Selection event. */
	static void select(Workbench workbench, Table table, int row) {
		workbench.ui(() -> {
			table.setSelection(row);
			TableItem item = table.getItem(row);
			org.eclipse.swt.widgets.Event event = new org.eclipse.swt.widgets.Event();
			event.item = item;
			table.notifyListeners(SWT.Selection, event);
		});
	}

}
