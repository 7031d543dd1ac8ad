package orbit.upgrade.tests;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import orbit.core.DataDirectory;
import orbit.library.internal.EntryWriter;
import orbit.library.internal.SqliteLibrary;
import orbit.library.internal.SqliteUpgradeLedger;
import orbit.recovery.RecoveryHandler;
import orbit.recovery.internal.RecoveryRunner;
import orbit.recovery.internal.SqliteJournal;
import orbit.safewrite.SafeWriteService;
import orbit.safewrite.internal.AtomicFiles;
import orbit.safewrite.internal.AudioChecks;
import orbit.safewrite.internal.AudioTagWriter;
import orbit.safewrite.internal.SafeWriteRecovery;
import orbit.upgrade.internal.ProcFileHolders;
import orbit.upgrade.internal.UpgradeRecovery;
import orbit.upgrade.internal.UpgradeService;

/**
 * The real components of an upgrade, wired by hand on one data directory, for a plain JVM that
 * the crash campaign kills and for the recovery after it: the journal, SafeWrite, the tag writer,
 * the library and its ledger, the upgrade service and its recovery handler. Declarative Services'
 * field references are set as DS sets them, then the component is activated.
 */
final class Wiring implements AutoCloseable {

	final SqliteJournal journal;
	final SqliteLibrary library;
	final SqliteUpgradeLedger ledger;
	final UpgradeService upgrades;
	final UpgradeRecovery recovery;
	private final Map<String, RecoveryHandler> handlers;

	Wiring(Path home) {
		DataDirectory data = new DataDirectory() {
			@Override
			public Path path() {
				return home;
			}

			@Override
			public Path ensureWritable() {
				return home;
			}

			@Override
			public String origin() {
				return "the crash campaign";
			}
		};
		journal = new SqliteJournal(home.resolve("journal.db"), home.resolve("dead_letters.log"), Clock.systemUTC());
		AtomicFiles files = new AtomicFiles(journal, home.resolve("locks"), Duration.ofSeconds(10));
		AudioChecks audio = new AudioChecks();
		AudioTagWriter tags = new AudioTagWriter(files, audio);
		EntryWriter writer = new EntryWriter();
		library = component(new SqliteLibrary(), Map.of("dataDirectory", data, "writer", writer, "audio", audio));
		ledger = component(new SqliteUpgradeLedger(), Map.of("dataDirectory", data, "writer", writer, "audio", audio));
		Map<String, Object> swap = Map.of("journal", journal, "files", files, "tags", tags, "ledger", ledger, "data", data);
		recovery = component(new UpgradeRecovery(), swap);
		Map<String, Object> service = new java.util.HashMap<>(swap);
		service.putAll(Map.of("library", library, "holders", new ProcFileHolders()));
		upgrades = component(new UpgradeService(), service);
		handlers = Map.of(recovery.operationType(), recovery, SafeWriteService.TAG_WRITE,
				SafeWriteRecovery.of(SafeWriteService.TAG_WRITE, journal), SafeWriteService.CROSS_VOLUME_MOVE,
				SafeWriteRecovery.of(SafeWriteService.CROSS_VOLUME_MOVE, journal), SafeWriteService.FILE_WRITE,
				SafeWriteRecovery.of(SafeWriteService.FILE_WRITE, journal));
	}

	/** Startup recovery, as the product runs it. */
	orbit.recovery.RecoveryReport recover() {
		return new RecoveryRunner(journal, handlers::get, Duration.ofHours(24), Clock.systemUTC()).run();
	}

	private static <T> T component(T instance, Map<String, Object> references) {
		try {
			for (Map.Entry<String, Object> reference : references.entrySet()) {
				Field field = field(instance.getClass(), reference.getKey());
				if (field != null) {
					field.setAccessible(true);
					field.set(instance, reference.getValue());
				}
			}
			for (Method method : instance.getClass().getDeclaredMethods()) {
				if (method.getName().equals("activate") && method.getParameterCount() == 0) {
					method.setAccessible(true);
					method.invoke(instance);
				}
			}
			return instance;
		} catch (ReflectiveOperationException e) {
			throw new IllegalStateException(e);
		}
	}

	private static Field field(Class<?> type, String name) {
		for (Field field : type.getDeclaredFields()) {
			if (field.getName().equals(name)) {
				return field;
			}
		}
		return null;
	}

	@Override
	public void close() {
		for (Object component : new Object[] { library, ledger }) {
			try {
				Method deactivate = component.getClass().getDeclaredMethod("deactivate");
				deactivate.setAccessible(true);
				deactivate.invoke(component);
			} catch (ReflectiveOperationException e) {
				throw new IllegalStateException(e);
			}
		}
		journal.close();
	}
}
