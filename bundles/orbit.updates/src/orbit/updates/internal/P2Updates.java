package orbit.updates.internal;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.eclipse.equinox.p2.core.IAgentLocation;
import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.IProvisioningAgentProvider;
import org.eclipse.equinox.p2.core.ProvisionException;
import org.eclipse.equinox.p2.core.UIServices;
import org.eclipse.equinox.p2.engine.IEngine;
import org.eclipse.equinox.p2.engine.IProfile;
import org.eclipse.equinox.p2.engine.IProfileRegistry;
import org.eclipse.equinox.p2.engine.IProvisioningPlan;
import org.eclipse.equinox.p2.engine.ProfileScope;
import org.eclipse.equinox.p2.engine.ProvisioningContext;
import org.eclipse.equinox.p2.engine.query.IUProfilePropertyQuery;
import org.eclipse.equinox.p2.metadata.IArtifactKey;
import org.eclipse.equinox.p2.metadata.IInstallableUnit;
import org.eclipse.equinox.p2.metadata.IProvidedCapability;
import org.eclipse.equinox.p2.operations.InstallOperation;
import org.eclipse.equinox.p2.operations.ProfileChangeOperation;
import org.eclipse.equinox.p2.operations.ProvisioningJob;
import org.eclipse.equinox.p2.operations.ProvisioningSession;
import org.eclipse.equinox.p2.operations.UninstallOperation;
import org.eclipse.equinox.p2.operations.Update;
import org.eclipse.equinox.p2.operations.UpdateOperation;
import org.eclipse.equinox.p2.planner.IPlanner;
import org.eclipse.equinox.p2.query.IQueryResult;
import org.eclipse.equinox.p2.query.QueryUtil;
import org.eclipse.equinox.p2.repository.artifact.ArtifactKeyQuery;
import org.eclipse.equinox.p2.repository.artifact.IArtifactDescriptor;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepository;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepositoryManager;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepository;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepositoryManager;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.prefs.BackingStoreException;
import org.osgi.service.prefs.Preferences;

import orbit.core.ActionableException;
import orbit.updates.Change;
import orbit.updates.FeatureUpdate;
import orbit.updates.InstalledFeature;
import orbit.updates.Plugin;
import orbit.updates.Signer;
import orbit.updates.Trust;
import orbit.updates.UntrustedContent;
import orbit.updates.UpdateProgress;
import orbit.updates.Updates;

/**
 * {@link Updates} on the running installation's p2 profile ({@code eclipse.p2.profile}, in the p2
 * data area of the install folder that the launcher names with {@code eclipse.p2.data.area}).
 */
@Component(service = Updates.class)
public class P2Updates implements Updates {

	/** The product's default update site (config.ini, or {@code -D} for one launch). */
	public static final String SITE_PROPERTY = "orbit.updates.site";
	/** Where the user's update site is kept (instance scope: the data directory). */
	static final String PREFERENCES = "orbit.updates";
	static final String SITE_KEY = "site";
	/** The profile state an {@link #apply} or {@link #revert} started from, kept on the state it made. */
	static final String PREVIOUS_STATE = "orbit.updates.previous";
	/** Kept on each profile state a plugin install or removal makes: {@link #revert} does not go back over it. */
	static final String PLUGIN_CHANGE = "orbit.updates.plugins";
	private static final String ROOT = "org.eclipse.equinox.p2.type.root";
	private static final String FEATURE_GROUP = ".feature.group";
	private static final String UPDATE_SITE = "Update site";
	private static final String PLUGIN_SITE = "Plugin site";
	/** p2's engine: where it keeps the keys the user chose to trust always (the profile's preferences). */
	private static final String ENGINE = "org.eclipse.equinox.p2.engine";
	private static final String TRUSTED_KEYS = "pgp.trustedPublicKeys";

	private final IProvisioningAgentProvider agentProvider;
	private final BundleContext context;

	@Activate
	public P2Updates(@Reference IProvisioningAgentProvider agentProvider, BundleContext context) {
		this.agentProvider = agentProvider;
		this.context = context;
	}

	@Override
	public URI site() {
		String chosen = preferences().get(SITE_KEY, null);
		if (chosen != null && !chosen.isBlank()) {
			return siteUri(chosen);
		}
		String product = context.getProperty(SITE_PROPERTY);
		return product == null || product.isBlank() ? null : siteUri(product);
	}

	@Override
	public void setSite(URI site) {
		Preferences node = preferences();
		if (site == null) {
			node.remove(SITE_KEY);
		} else {
			node.put(SITE_KEY, site.toString());
		}
		try {
			node.flush();
		} catch (BackingStoreException e) {
			throw new ActionableException("The update site could not be saved (" + e.getMessage() + ")",
					"Check that the data directory is writable", e);
		}
	}

	/** A site as the user writes it: a URL, or a folder or archive on this machine. */
	public static URI siteUri(String text) {
		String trimmed = text.trim();
		if (trimmed.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*") && !trimmed.matches("^[A-Za-z]:\\\\.*")) {
			try {
				URI uri = URI.create(trimmed);
				if ("jar".equals(uri.getScheme()) || uri.isOpaque() && !"jar".equals(uri.getScheme())) {
					throw new IllegalArgumentException("opaque");
				}
				return uri;
			} catch (IllegalArgumentException e) {
				throw new ActionableException("'" + text + "' is not an update site address",
						"Give a URL (https://..., file:/...) or a folder");
			}
		}
		URI uri = Path.of(trimmed).toAbsolutePath().normalize().toUri();
		String path = uri.toString();
		if (path.endsWith(".zip") || path.endsWith(".jar")) {
			return URI.create("jar:" + path + "!/");
		}
		return uri;
	}

	@Override
	public List<InstalledFeature> installed() {
		return withProfile(() -> {
			Installation installation = installation();
			List<InstalledFeature> features = new ArrayList<>();
			for (IInstallableUnit root : installation.roots()) {
				features.add(new InstalledFeature(featureId(root), name(root), root.getVersion().toString()));
			}
			return features;
		});
	}

	@Override
	public List<FeatureUpdate> check(URI site, UpdateProgress progress) {
		return withProfile(() -> {
			allowPlainHttpOnLoopback(site);
			Installation installation = installation();
			SubMonitor monitor = SubMonitor.convert(new ProgressAdapter(progress), "Reading " + site, 100);
			try (SiteSession session = installation.open(site, UPDATE_SITE)) {
				IMetadataRepository repository = session.metadata(monitor.split(80));
				return newer(installation, repository, null, monitor.split(20));
			}
		});
	}

	private static List<FeatureUpdate> newer(Installation installation, IMetadataRepository repository,
			Set<String> only, SubMonitor monitor) {
		List<IInstallableUnit> roots = installation.roots();
		monitor.setWorkRemaining(roots.size());
		List<FeatureUpdate> updates = new ArrayList<>();
		for (IInstallableUnit root : roots) {
			if (only != null && !only.contains(root.getId())) {
				monitor.worked(1);
				continue;
			}
			IQueryResult<IInstallableUnit> latest = repository
					.query(QueryUtil.createLatestQuery(QueryUtil.createIUQuery(root.getId())), monitor.split(1));
			for (IInstallableUnit offered : latest) {
				if (offered.getVersion().compareTo(root.getVersion()) > 0) {
					updates.add(new FeatureUpdate(featureId(root), name(offered), root.getVersion().toString(),
							offered.getVersion().toString()));
				}
			}
		}
		return updates;
	}

	@Override
	public List<Change> apply(URI site, Collection<String> features, Trust trust, UpdateProgress progress) {
		return withProfile(() -> quietly(() -> applyNow(site, features, trust, progress)));
	}

	private List<Change> applyNow(URI site, Collection<String> features, Trust trust, UpdateProgress progress) {
		allowPlainHttpOnLoopback(site);
		Installation installation = installation();
		Set<String> only = features == null || features.isEmpty() ? null : installation.rootIds(features);
		SubMonitor monitor = SubMonitor.convert(new ProgressAdapter(progress), "Updating from " + site, 100);
		try (SiteSession session = installation.open(site, UPDATE_SITE)) {
			IMetadataRepository repository = session.metadata(monitor.split(20));
			session.artifacts(monitor.split(5));
			List<FeatureUpdate> updates = newer(installation, repository, only, monitor.split(5));
			if (updates.isEmpty()) {
				return List.of();
			}
			Set<String> wanted = new TreeSet<>();
			updates.forEach(u -> wanted.add(u.id() + FEATURE_GROUP));
			List<IInstallableUnit> toUpdate = installation.roots().stream().filter(r -> wanted.contains(r.getId()))
					.toList();

			UpdateOperation operation = new UpdateOperation(new ProvisioningSession(installation.agent), toUpdate);
			operation.setProfileId(installation.profile.getProfileId());
			operation.setProvisioningContext(installation.context(site));
			IStatus resolved = operation.resolveModal(monitor.split(10));
			Update[] possible = operation.getPossibleUpdates();
			// The newest replacement of each feature, which is what the check listed.
			Map<String, Update> newest = new HashMap<>();
			for (Update update : possible) {
				newest.merge(update.toUpdate.getId(), update,
						(a, b) -> a.replacement.getVersion().compareTo(b.replacement.getVersion()) >= 0 ? a : b);
			}
			if (newest.isEmpty()) {
				throw new ActionableException("The update from " + site + " cannot be installed: " + detail(resolved),
						"The installation is unchanged");
			}
			operation.setSelectedUpdates(newest.values().toArray(Update[]::new));
			resolved = operation.resolveModal(monitor.split(10));
			if (resolved.getSeverity() == IStatus.ERROR || resolved.getSeverity() == IStatus.CANCEL) {
				throw new ActionableException("The update from " + site + " cannot be installed: " + detail(resolved),
						"The installation is unchanged");
			}
			Map<String, String> before = installation.units();
			long fromState = installation.profile.getTimestamp();
			InterruptedChange change = begin(installation, "update apply");
			try {
				keepReplacedFeatures(installation, toUpdate);
				TrustCheck check = installation.checkTrust(site, trust);
				ProvisioningJob job = operation.getProvisioningJob(monitor.split(1));
				IStatus done = job == null ? resolved : job.runModal(monitor.split(49));
				if (check.refused() != null) {
					throw refusal(check.refused());
				}
				if (done.getSeverity() == IStatus.ERROR || done.getSeverity() == IStatus.CANCEL) {
					throw failure(installation, done, "update apply", "Installing the update from " + site + " failed",
							"The installation is unchanged; check the site or try another with --site URL");
				}
				return installation.recordChange(fromState, before);
			} finally {
				change.end();
			}
		}
	}

	@Override
	public List<Change> revert(UpdateProgress progress) {
		return withProfile(() -> quietly(() -> revertNow(progress)));
	}

	private List<Change> revertNow(UpdateProgress progress) {
		Installation installation = installation();
		SubMonitor monitor = SubMonitor.convert(new ProgressAdapter(progress), "Reverting", 100);
		IProfileRegistry registry = installation.registry;
		String id = installation.profile.getProfileId();
		long current = installation.profile.getTimestamp();
		Map<String, String> currentState = registry.getProfileStateProperties(id, current);
		String previous = currentState.get(PREVIOUS_STATE);
		IProfile target = previous == null ? null : registry.getProfile(id, Long.parseLong(previous));
		if (target == null && currentState.containsKey(PLUGIN_CHANGE)) {
			// Going back past a plugin change would take it back too, unasked.
			throw new ActionableException("There is no update to revert: plugins were installed or removed since "
					+ "the last update", "Nothing was changed; 'orbit plugins' installs and removes them");
		}
		if (target == null) {
			throw new ActionableException("There is no update to revert: the installation is as it was installed",
					"Nothing was changed");
		}
		IPlanner planner = installation.agent.getService(IPlanner.class);
		IEngine engine = installation.agent.getService(IEngine.class);
		IProvisioningPlan plan = planner.getDiffPlan(installation.profile, target, monitor.split(20));
		if (plan.getStatus().getSeverity() == IStatus.ERROR) {
			throw new ActionableException("The earlier state cannot be restored: " + detail(plan.getStatus()),
					"The installation is unchanged");
		}
		// Revert works from what the installation still holds, its bundle pool (the install folder,
		// which keeps the replaced bundles): nothing is fetched from a site.
		String pool = installation.profile.getProperty(IProfile.PROP_CACHE);
		plan.getContext().setMetadataRepositories(new URI[0]);
		plan.getContext().setArtifactRepositories(
				pool == null ? new URI[] { keptFeatures() } : new URI[] { Path.of(pool).toUri(), keptFeatures() });
		Map<String, String> before = installation.units();
		// What a revert installs was installed before (the bundle pool, the kept features).
		installation.checkTrust(null, Trust.ONCE);
		InterruptedChange change = begin(installation, "update revert");
		IStatus done;
		try {
			done = engine.perform(plan, monitor.split(80));
		} finally {
			change.end();
		}
		if (done.getSeverity() == IStatus.ERROR || done.getSeverity() == IStatus.CANCEL) {
			throw failure(installation, done, "update revert", "Reverting failed", "The installation is unchanged");
		}
		// The state made now goes back, in its turn, to where the restored one came from.
		String beforeTarget = registry.getProfileStateProperties(id, target.getTimestamp()).get(PREVIOUS_STATE);
		List<Change> changes = installation.changesSince(before);
		IProfile now = registry.getProfile(id);
		if (beforeTarget != null) {
			registry.setProfileStateProperty(id, now.getTimestamp(), PREVIOUS_STATE, beforeTarget);
		}
		return changes;
	}

	@Override
	public List<Signer> trustedSigners() {
		return withProfile(() -> {
			Installation installation = installation();
			Map<String, Signer> signers = new TreeMap<>();
			for (PGPPublicKey key : installation.signerKeys()) {
				signers.putIfAbsent(TrustCheck.fingerprint(key), TrustCheck.signer(key));
			}
			for (PGPPublicKey key : TrustCheck.keys(installation.trustPreferences().get(TRUSTED_KEYS, null))) {
				signers.putIfAbsent(TrustCheck.fingerprint(key), TrustCheck.signer(key));
			}
			// A signing subkey is listed by its own fingerprint; a master key without a name adds nothing.
			return signers.values().stream().filter(s -> s.name() != null || signers.size() == 1).toList();
		});
	}

	/** What a refused installation says: what was not vouched for, and that nothing was installed. */
	private static ActionableException refusal(UntrustedContent refused) {
		return new ActionableException(refused.site() + " offers what this installation does not trust: " + refused.describe(),
				"Nothing was installed; if you trust where it comes from, install it with --trust");
	}

	@Override
	public List<Plugin> plugins() {
		return withProfile(() -> installation().plugins().stream().map(P2Updates::plugin).toList());
	}

	@Override
	public List<Plugin> offered(URI site, UpdateProgress progress) {
		return withProfile(() -> {
			allowPlainHttpOnLoopback(site);
			Installation installation = installation();
			SubMonitor monitor = SubMonitor.convert(new ProgressAdapter(progress), "Reading " + site, 100);
			try (SiteSession session = installation.open(site, PLUGIN_SITE)) {
				IMetadataRepository repository = session.metadata(monitor.split(90));
				Set<String> own = installation.own();
				return features(repository, monitor.split(10)).stream().filter(f -> !own.contains(f.getId()))
						.map(P2Updates::plugin).toList();
			}
		});
	}

	@Override
	public List<Change> install(URI site, Collection<String> plugins, Trust trust, UpdateProgress progress) {
		return withProfile(() -> quietly(() -> installNow(site, plugins, trust, progress)));
	}

	private List<Change> installNow(URI site, Collection<String> plugins, Trust trust, UpdateProgress progress) {
		allowPlainHttpOnLoopback(site);
		if (plugins == null || plugins.isEmpty()) {
			throw new ActionableException("No plugin to install is named",
					"Give the ids that 'orbit plugins install " + site + "' lists");
		}
		Installation installation = installation();
		SubMonitor monitor = SubMonitor.convert(new ProgressAdapter(progress), "Installing from " + site, 100);
		try (SiteSession session = installation.open(site, PLUGIN_SITE)) {
			IMetadataRepository repository = session.metadata(monitor.split(15));
			session.artifacts(monitor.split(5));
			Map<String, IInstallableUnit> offered = new TreeMap<>();
			features(repository, monitor.split(5)).forEach(f -> offered.put(featureId(f), f));
			Set<String> own = installation.own();
			List<IInstallableUnit> wanted = new ArrayList<>();
			for (String plugin : plugins) {
				String id = featureId(plugin.trim());
				if (own.contains(id + FEATURE_GROUP)) {
					throw new ActionableException(id + " is part of ORBIT, not a plugin",
							"'orbit update' updates ORBIT's own features; the installation is unchanged");
				}
				IInstallableUnit unit = offered.get(id);
				if (unit == null) {
					throw new ActionableException(site + " offers no plugin " + id,
							"'orbit plugins install " + site + "' lists what it offers; the installation is unchanged");
				}
				wanted.add(unit);
			}
			// Each becomes a root of its own (p2's InstallOperation marks them so): an update of
			// ORBIT's features, which replaces only the roots it names, keeps them.
			InstallOperation operation = new InstallOperation(new ProvisioningSession(installation.agent), wanted);
			String names = String.join(", ", wanted.stream().map(P2Updates::featureId).toList());
			return perform(installation, operation, site, trust, monitor.split(75), "The plugin " + names + " from " + site
					+ " cannot be installed", "Installing " + names + " from " + site + " failed");
		}
	}

	@Override
	public List<Change> remove(Collection<String> plugins, UpdateProgress progress) {
		return withProfile(() -> quietly(() -> removeNow(plugins, progress)));
	}

	private List<Change> removeNow(Collection<String> plugins, UpdateProgress progress) {
		if (plugins == null || plugins.isEmpty()) {
			throw new ActionableException("No plugin to remove is named", "'orbit plugins list' shows the installed plugins");
		}
		Installation installation = installation();
		SubMonitor monitor = SubMonitor.convert(new ProgressAdapter(progress), "Removing plugins", 100);
		Map<String, IInstallableUnit> installed = new TreeMap<>();
		installation.plugins().forEach(p -> installed.put(featureId(p), p));
		Set<String> own = installation.own();
		List<IInstallableUnit> unwanted = new ArrayList<>();
		for (String plugin : plugins) {
			String id = featureId(plugin.trim());
			if (own.contains(id + FEATURE_GROUP)) {
				throw new ActionableException(id + " is part of ORBIT, not a plugin",
						"Only plugins can be removed ('orbit plugins list' shows them); the installation is unchanged");
			}
			IInstallableUnit unit = installed.get(id);
			if (unit == null) {
				throw new ActionableException("No plugin " + id + " is installed",
						"'orbit plugins list' shows the installed plugins; the installation is unchanged");
			}
			unwanted.add(unit);
		}
		UninstallOperation operation = new UninstallOperation(new ProvisioningSession(installation.agent), unwanted);
		String names = String.join(", ", unwanted.stream().map(P2Updates::featureId).toList());
		// Nothing is fetched: what stays is installed already.
		return perform(installation, operation, null, Trust.REFUSE, monitor, "The plugin " + names + " cannot be removed",
				"Removing " + names + " failed");
	}

	/** Resolves {@code operation} against the installation and {@code site}, then runs it; what changed. */
	private List<Change> perform(Installation installation, ProfileChangeOperation operation, URI site,
			Trust trust, SubMonitor monitor, String unresolved, String failed) {
		monitor.setWorkRemaining(100);
		operation.setProfileId(installation.profile.getProfileId());
		operation.setProvisioningContext(installation.context(site));
		IStatus resolved = operation.resolveModal(monitor.split(30));
		if (resolved.getSeverity() == IStatus.ERROR || resolved.getSeverity() == IStatus.CANCEL || !operation.hasResolved()) {
			throw new ActionableException(unresolved + ": " + detail(resolved), "The installation is unchanged");
		}
		Map<String, String> before = installation.units();
		TrustCheck check = installation.checkTrust(site, trust);
		ProvisioningJob job = operation.getProvisioningJob(monitor.split(1));
		IStatus done;
		InterruptedChange change = begin(installation, "plugins");
		try {
			done = job == null ? resolved : job.runModal(monitor.split(69));
		} finally {
			change.end();
		}
		if (check.refused() != null) {
			throw refusal(check.refused());
		}
		if (done.getSeverity() == IStatus.ERROR || done.getSeverity() == IStatus.CANCEL) {
			throw failure(installation, done, "plugins", failed, "The installation is unchanged");
		}
		IProfile now = installation.registry.getProfile(installation.profile.getProfileId());
		if (now.getTimestamp() != installation.profile.getTimestamp()) {
			installation.registry.setProfileStateProperty(now.getProfileId(), now.getTimestamp(), PLUGIN_CHANGE, "true");
		}
		return installation.changesSince(before);
	}

	/** The newest version of each feature {@code repository} offers (no products, no categories), by id. */
	private static List<IInstallableUnit> features(IMetadataRepository repository, SubMonitor monitor) {
		List<IInstallableUnit> features = new ArrayList<>();
		for (IInstallableUnit unit : repository.query(QueryUtil.createLatestQuery(QueryUtil.createIUGroupQuery()), monitor)) {
			if (unit.getId().endsWith(FEATURE_GROUP) && !QueryUtil.isProduct(unit)) {
				features.add(unit);
			}
		}
		features.sort(Comparator.comparing(IInstallableUnit::getId));
		return features;
	}

	private static Plugin plugin(IInstallableUnit unit) {
		String provider = unit.getProperty(IInstallableUnit.PROP_PROVIDER, null);
		return new Plugin(featureId(unit), name(unit), unit.getVersion().toString(),
				provider == null || provider.isBlank() || provider.startsWith("%") ? null : provider);
	}

	/**
	 * Where the features an update replaced are kept, as a p2 artifact repository: p2 deletes a
	 * replaced feature's folder (it keeps replaced bundles in the install folder), and a revert
	 * installs it again from here.
	 */
	private URI keptFeatures() {
		return URI.create(dataArea().toString().replaceFirst("/?$", "/") + "orbit.updates/replaced-features/");
	}

	private void keepReplacedFeatures(Installation installation, List<IInstallableUnit> features) {
		String installFolder = installation.profile.getProperty(IProfile.PROP_INSTALL_FOLDER);
		if (installFolder == null) {
			return;
		}
		URI kept = keptFeatures();
		IArtifactRepositoryManager manager = installation.agent.getService(IArtifactRepositoryManager.class);
		boolean known = manager.contains(kept);
		try {
			IArtifactRepository repository;
			try {
				repository = manager.loadRepository(kept, null);
			} catch (ProvisionException e) {
				repository = manager.createRepository(kept, "Features replaced by ORBIT updates",
						IArtifactRepositoryManager.TYPE_SIMPLE_REPOSITORY, Map.of());
			}
			for (IInstallableUnit feature : features) {
				String id = featureId(feature);
				IArtifactKey key = repository.createArtifactKey("org.eclipse.update.feature", id, feature.getVersion());
				Path folder = Path.of(installFolder, "features", id + "_" + feature.getVersion());
				if (repository.contains(key) || !Files.isDirectory(folder)) {
					continue;
				}
				IArtifactDescriptor descriptor = repository.createArtifactDescriptor(key);
				try (OutputStream out = repository.getOutputStream(descriptor);
						ZipOutputStream zip = new ZipOutputStream(out);
						Stream<Path> files = Files.walk(folder)) {
					for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
						zip.putNextEntry(new ZipEntry(folder.relativize(file).toString().replace('\\', '/')));
						Files.copy(file, zip);
						zip.closeEntry();
					}
				}
			}
		} catch (ProvisionException | IOException e) {
			if (fullDisk(e)) {
				throw diskFull(installation, "update apply", e);
			}
			throw new ActionableException("The features this update replaces cannot be kept for a revert ("
					+ (e instanceof ProvisionException p ? detail(p.getStatus()) : e.getMessage()) + ")",
					"Check that the install folder is writable; the installation is unchanged", e);
		} finally {
			if (!known) {
				manager.removeRepository(kept);
			}
		}
	}

	/**
	 * Runs a change of the installation with {@link System#err} going to ORBIT's log: p2 prints
	 * some failures' stack traces there itself (an artifact repository it cannot save on a full
	 * disk), after which it reports them as a status, which the user reads in one sentence. What
	 * ORBIT prints goes to the stream it was given, not to {@link System#err}.
	 */
	private static <T> T quietly(Supplier<T> change) {
		String log = System.getProperty("orbit.log");
		PrintStream original = System.err;
		PrintStream quiet = null;
		if (log != null && !log.isBlank()) {
			try {
				// A PrintStream keeps going when the file cannot take more: the log is best effort.
				quiet = new PrintStream(new FileOutputStream(log, true), true, Charset.defaultCharset());
				System.setErr(quiet);
			} catch (IOException | SecurityException e) {
				// No log to write to: stderr stays as it is.
			}
		}
		try {
			return change.get();
		} finally {
			if (quiet != null) {
				System.setErr(original);
				quiet.close();
			}
		}
	}

	/**
	 * A failed engine run as the user reads it: {@code problem} with p2's reason, or, when p2 ran
	 * out of space, that the disk holding the installation is full. p2 writes into the install
	 * folder (bundles, features, bundles.info, the profile), not the data directory, so the disk
	 * is named by that folder.
	 */
	private static ActionableException failure(Installation installation, IStatus status, String command, String problem,
			String remedy) {
		if (fullDisk(status)) {
			// p2's report, for --verbose
			return diskFull(installation, command, new CoreException(status));
		}
		return new ActionableException(problem + ": " + detail(status), remedy);
	}

	private static ActionableException diskFull(Installation installation, String command, Throwable cause) {
		String folder = installation.profile.getProperty(IProfile.PROP_INSTALL_FOLDER);
		return new ActionableException("The disk holding the installation" + (folder == null ? "" : " (" + folder + ")")
				+ " is full: the change needs more room there than is free", "Free space on that disk and run 'orbit "
						+ command + "' again; the installation is unchanged", cause);
	}

	/** Whether a status, a child of it or an exception in them says the disk is full (ENOSPC). */
	static boolean fullDisk(IStatus status) {
		if (fullDisk(status.getMessage()) || fullDisk(status.getException())) {
			return true;
		}
		for (IStatus child : status.getChildren()) {
			if (fullDisk(child)) {
				return true;
			}
		}
		return false;
	}

	static boolean fullDisk(Throwable failure) {
		int depth = 0;
		for (Throwable t = failure; t != null && depth < 32; t = t.getCause() == t ? null : t.getCause(), depth++) {
			if (fullDisk(t.getMessage()) || t instanceof CoreException core && fullDisk(core.getStatus())) {
				return true;
			}
			for (Throwable suppressed : t.getSuppressed()) {
				if (fullDisk(suppressed)) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean fullDisk(String message) {
		String m = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
		return m.contains("no space left on device") || m.contains("enospc") || m.contains("not enough space on the disk")
				|| m.contains("disk full") || m.contains("disk is full");
	}

	/**
	 * p2 fetches an http: site over https (its "p2.httpRule", read once, when its transport is first
	 * used). A site on this machine's loopback interface is read as given: nothing travels over a
	 * network, and it is how a site is served locally.
	 */
	static void allowPlainHttpOnLoopback(URI site) {
		if (site != null && "http".equalsIgnoreCase(site.getScheme()) && site.getHost() != null) {
			try {
				if (java.net.InetAddress.getByName(site.getHost()).isLoopbackAddress()) {
					System.setProperty("p2.httpRule", "allow");
				}
			} catch (java.net.UnknownHostException e) {
				// not loopback: p2's rule stands, and the site's error says the host is unknown
			}
		}
	}

	private Installation installation() {
		long completedFrom = recoverInterruptedChange();
		IProvisioningAgent agent = agent();
		IProfileRegistry registry = agent.getService(IProfileRegistry.class);
		IProfile profile = registry == null ? null : registry.getProfile(IProfileRegistry.SELF);
		if (profile == null) {
			throw new ActionableException(
					"This ORBIT has no p2 profile to update (" + context.getProperty("eclipse.p2.data.area") + ")",
					"Updates work in an installation unpacked from ORBIT's archive; start it with its 'orbit' script");
		}
		if (completedFrom >= 0 && registry.getProfileStateProperties(profile.getProfileId(), profile.getTimestamp())
				.get(PREVIOUS_STATE) == null) {
			// An apply that was stopped after it had made its change, before it noted where it came from.
			registry.setProfileStateProperty(profile.getProfileId(), profile.getTimestamp(), PREVIOUS_STATE,
					Long.toString(completedFrom));
		}
		return new Installation(agent, registry, profile);
	}

	/**
	 * Runs one operation on the installation's profile holding its {@link ProfileLock}: a profile
	 * state p2 could not read is then one cut off, never one another ORBIT is writing.
	 */
	private <T> T withProfile(Supplier<T> operation) {
		URI area = dataArea();
		return ProfileLock.holding(area != null && "file".equals(area.getScheme()) ? Path.of(area) : null, operation);
	}

	/** The record of a change under way in this installation's p2 data area; null when it has none. */
	private InterruptedChange interruptedChange() {
		String profile = context.getProperty("eclipse.p2.profile");
		URI area = dataArea();
		if (profile == null || area == null || !"file".equals(area.getScheme())) {
			return null;
		}
		return new InterruptedChange(Path.of(area), profile);
	}

	/** Puts back a change that a stopped ORBIT left half made (see {@link InterruptedChange}). */
	private long recoverInterruptedChange() {
		InterruptedChange change = interruptedChange();
		if (change == null) {
			return -1;
		}
		try {
			return change.recover(ProfileLock.exclusive());
		} catch (IOException | RuntimeException e) {
			throw new ActionableException("A change of the installation that was stopped half-way cannot be put back ("
					+ e.getMessage() + ")", "Check that the install folder is writable and has free space, then run it again",
					e);
		}
	}

	/** Notes that {@code command} is about to change the installation, for a start after it was stopped dead. */
	private InterruptedChange begin(Installation installation, String command) {
		InterruptedChange change = interruptedChange();
		if (change == null) {
			throw new ActionableException("This ORBIT has no p2 data area to update",
					"Updates work in an installation unpacked from ORBIT's archive; start it with its 'orbit' script");
		}
		String configuration = installation.profile.getProperty(IProfile.PROP_CONFIGURATION_FOLDER);
		String installFolder = installation.profile.getProperty(IProfile.PROP_INSTALL_FOLDER);
		Path folder = configuration != null ? Path.of(configuration)
				: installFolder != null ? Path.of(installFolder, "configuration") : null;
		try {
			change.begin(command, installation.profile.getTimestamp(),
					folder == null ? Path.of("bundles.info") : folder.resolve("org.eclipse.equinox.simpleconfigurator/bundles.info"));
		} catch (IOException e) {
			change.end();
			if (fullDisk(e)) {
				throw diskFull(installation, command, e);
			}
			throw new ActionableException("The change cannot be noted before it is made (" + e.getMessage() + ")",
					"Check that the install folder is writable; the installation is unchanged", e);
		}
		return change;
	}

	/**
	 * An agent on the installation's p2 data area, whose "self" profile is the installation's.
	 * Not the agent p2 registers for the running system: the configuration area lives in the data
	 * directory and cascades to the install folder's, which p2 takes for a shared install and then
	 * hides the installed profile behind an empty per-user one. ORBIT updates the installation itself.
	 */
	private IProvisioningAgent agent() {
		String profile = context.getProperty("eclipse.p2.profile");
		URI area = dataArea();
		if (profile == null || area == null) {
			throw new ActionableException("This ORBIT has no p2 profile to update (eclipse.p2.profile or the install area is not set)",
					"Updates work in an installation unpacked from ORBIT's archive; start it with its 'orbit' script");
		}
		try {
			IProvisioningAgent agent = agentProvider.createAgent(area);
			// Read by the profile registry when it is made: which profile is the running one.
			agent.registerService("FORCED_SELF", profile);
			return agent;
		} catch (ProvisionException e) {
			throw new ActionableException("p2 cannot open " + area + ": " + detail(e.getStatus()),
					"Check that the installation is complete", e);
		}
	}

	/** eclipse.p2.data.area as the launcher gives it, else the p2 folder of the install area. */
	private URI dataArea() {
		String given = context.getProperty("eclipse.p2.data.area");
		if (given != null && !given.isBlank() && !given.startsWith("@")) {
			return siteUri(given);
		}
		String install = context.getProperty("osgi.install.area");
		if (install == null) {
			return null;
		}
		try {
			return Path.of(URI.create(install.replace(" ", "%20"))).resolve("p2").toUri();
		} catch (IllegalArgumentException e) {
			return null;
		}
	}

	private static Preferences preferences() {
		return InstanceScope.INSTANCE.getNode(PREFERENCES);
	}

	static String featureId(IInstallableUnit unit) {
		String id = unit.getId();
		return id.endsWith(FEATURE_GROUP) ? id.substring(0, id.length() - FEATURE_GROUP.length()) : id;
	}

	private static String name(IInstallableUnit unit) {
		String name = unit.getProperty(IInstallableUnit.PROP_NAME, null);
		return name == null || name.startsWith("%") ? featureId(unit) : name;
	}

	/**
	 * What a status tree says went wrong, in one line: its message and the messages of its leaves
	 * of the same severity (for a failed resolution, p2's "Missing requirement" and "Cannot satisfy"
	 * lines rather than its list of what is installed), each with what caused it.
	 */
	static String detail(IStatus status) {
		Set<String> parts = new LinkedHashSet<>();
		leaves(status, status.getSeverity(), parts);
		if (parts.isEmpty()) {
			leaves(status, IStatus.INFO, parts);
		}
		String top = oneLine(status.getMessage()).replaceAll("[.]+$", "");
		StringBuilder text = new StringBuilder(top);
		for (String part : parts) {
			if (!part.equals(top)) {
				text.append(text.length() == 0 ? "" : ": ").append(part);
			}
		}
		String result = text.toString().replaceAll("(: )+", ": ").replaceAll("[.]+$", "");
		return result.isBlank() ? "p2 gave no reason" : result;
	}

	private static void leaves(IStatus status, int severity, Set<String> parts) {
		if (status.isMultiStatus() && status.getChildren().length > 0) {
			for (IStatus child : status.getChildren()) {
				leaves(child, severity, parts);
			}
			return;
		}
		String message = oneLine(status.getMessage());
		if (status.getSeverity() < severity || message.startsWith("Software currently installed")
				|| message.startsWith("Software being installed") || message.startsWith("Operation details")) {
			return;
		}
		StringBuilder text = new StringBuilder(message.replaceAll("[.]+$", ""));
		for (Throwable cause = status.getException(); cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			String because = oneLine(cause.getMessage());
			if (!because.isBlank() && !text.toString().contains(because)) {
				text.append(" (").append(because.replaceAll("[.]+$", "")).append(')');
			}
		}
		if (!text.isEmpty()) {
			parts.add(text.toString());
		}
	}

	private static String oneLine(String text) {
		return text == null ? "" : text.replaceAll("\\s+", " ").trim();
	}

	/** The running installation as p2 knows it: its agent, profile registry and current profile. */
	private final class Installation {
		final IProvisioningAgent agent;
		final IProfileRegistry registry;
		final IProfile profile;

		Installation(IProvisioningAgent agent, IProfileRegistry registry, IProfile profile) {
			this.agent = agent;
			this.registry = registry;
			this.profile = profile;
		}

		/**
		 * Registers the trust prompt of one operation on the agent, where p2's engine looks for it:
		 * the keys that signed the installation are trusted, anything else is asked of {@code trust}.
		 */
		TrustCheck checkTrust(URI site, Trust trust) {
			Set<String> fingerprints = new TreeSet<>();
			signerKeys().forEach(k -> fingerprints.add(TrustCheck.fingerprint(k)));
			TrustCheck check = new TrustCheck(site, fingerprints, trust);
			agent.registerService(UIServices.SERVICE_NAME, check);
			return check;
		}

		/**
		 * The keys that signed the installation's own artifacts: p2 records, on each artifact it
		 * installed from a signed site, the keys whose signatures it verified (the installation's
		 * bundle pool, the install folder).
		 */
		List<PGPPublicKey> signerKeys() {
			String pool = profile.getProperty(IProfile.PROP_CACHE);
			if (pool == null) {
				return List.of();
			}
			URI uri = Path.of(pool).toUri();
			IArtifactRepositoryManager manager = agent.getService(IArtifactRepositoryManager.class);
			boolean known = manager.contains(uri);
			Map<String, PGPPublicKey> keys = new LinkedHashMap<>();
			try {
				IArtifactRepository repository = manager.loadRepository(uri, null);
				List<String> armored = new ArrayList<>();
				armored.add(repository.getProperty(TrustCheck.PGP_KEYS));
				for (IArtifactKey key : repository.query(ArtifactKeyQuery.ALL_KEYS, null)) {
					for (IArtifactDescriptor descriptor : repository.getArtifactDescriptors(key)) {
						armored.add(descriptor.getProperty(TrustCheck.PGP_KEYS));
					}
				}
				new LinkedHashSet<>(armored).forEach(text -> TrustCheck.keys(text)
						.forEach(k -> keys.putIfAbsent(TrustCheck.fingerprint(k), k)));
			} catch (ProvisionException e) {
				// An installation whose pool cannot be read trusts no signer: everything is asked.
			} finally {
				if (!known) {
					manager.removeRepository(uri);
				}
			}
			return List.copyOf(keys.values());
		}

		/** The profile's preferences of p2's engine, where it keeps the keys trusted always. */
		org.eclipse.core.runtime.preferences.IEclipsePreferences trustPreferences() {
			return new ProfileScope(agent.getService(IAgentLocation.class), profile.getProfileId()).getNode(ENGINE);
		}

		/** The root features, by id. */
		List<IInstallableUnit> roots() {
			List<IInstallableUnit> roots = new ArrayList<>();
			for (IInstallableUnit unit : profile.query(new IUProfilePropertyQuery(ROOT, Boolean.TRUE.toString()), null)) {
				if (unit.getId().endsWith(FEATURE_GROUP)) {
					roots.add(unit);
				}
			}
			roots.sort(Comparator.comparing(IInstallableUnit::getId));
			return roots;
		}

		/** The ids of the given installed features, with p2's suffix; an unknown one is an error. */
		Set<String> rootIds(Collection<String> features) {
			Set<String> installed = new TreeSet<>();
			roots().forEach(r -> installed.add(r.getId()));
			Set<String> ids = new LinkedHashSet<>();
			for (String feature : features) {
				String id = feature.endsWith(FEATURE_GROUP) ? feature : feature + FEATURE_GROUP;
				if (!installed.contains(id)) {
					throw new ActionableException("No installed feature is called " + feature,
							"'orbit update list' shows the installed features");
				}
				ids.add(id);
			}
			return ids;
		}

		/** Every feature and bundle of the profile with its version. */
		Map<String, String> units() {
			Map<String, String> units = new TreeMap<>();
			for (IInstallableUnit unit : profile(registry).query(QueryUtil.createIUAnyQuery(), null)) {
				String kind = kind(unit);
				if (kind != null) {
					units.put(kind + ' ' + unit.getId(), unit.getVersion().toString());
				}
			}
			return units;
		}

		private IProfile profile(IProfileRegistry registry) {
			return registry.getProfile(profile.getProfileId());
		}

		List<Change> changesSince(Map<String, String> before) {
			Map<String, String> after = units();
			Set<String> keys = new TreeSet<>(before.keySet());
			keys.addAll(after.keySet());
			List<Change> changes = new ArrayList<>();
			for (String key : keys) {
				String from = before.get(key);
				String to = after.get(key);
				if (from == null || !from.equals(to)) {
					Change.Kind kind = key.startsWith("F ") ? Change.Kind.FEATURE : Change.Kind.BUNDLE;
					String id = key.substring(2);
					changes.add(new Change(kind, kind == Change.Kind.FEATURE ? featureId(id) : id, from, to));
				}
			}
			return changes;
		}

		/** What changed since {@code before}; the new state remembers {@code fromState} for a revert. */
		List<Change> recordChange(long fromState, Map<String, String> before) {
			IProfile now = profile(registry);
			registry.setProfileStateProperty(now.getProfileId(), now.getTimestamp(), PREVIOUS_STATE, Long.toString(fromState));
			return changesSince(before);
		}

		SiteSession open(URI site, String kind) {
			return new SiteSession(agent, site, kind);
		}

		/**
		 * A resolution against {@code site} (none: the installation alone). What is installed is
		 * available to it as it is: the planner would otherwise take only what its profile registry
		 * calls available, which in an installation whose configuration area lives in the data
		 * directory (a shared install, to p2) leaves out the installed bundles.
		 */
		ProvisioningContext context(URI site) {
			ProvisioningContext context = new ProvisioningContext(agent);
			URI[] sites = site == null ? new URI[0] : new URI[] { site };
			context.setMetadataRepositories(sites);
			context.setArtifactRepositories(sites);
			context.setExtraInstallableUnits(List.copyOf(profile.query(QueryUtil.createIUAnyQuery(), null).toUnmodifiableSet()));
			return context;
		}

		/**
		 * The product's own units: the product and the root features it was installed with (the
		 * first state of the profile that has roots, which the build's director wrote; the product's
		 * requirements name them only at their first versions). Every other root is a plugin.
		 */
		Set<String> own() {
			String id = profile.getProfileId();
			long[] states = registry.listProfileTimestamps(id);
			Arrays.sort(states);
			Set<String> own = new TreeSet<>();
			for (long state : states) {
				IProfile then = registry.getProfile(id, state);
				if (then != null) {
					then.query(new IUProfilePropertyQuery(ROOT, Boolean.TRUE.toString()), null).forEach(u -> own.add(u.getId()));
				}
				if (!own.isEmpty()) {
					break;
				}
			}
			for (IInstallableUnit unit : profile.query(QueryUtil.createIUAnyQuery(), null)) {
				if (QueryUtil.isProduct(unit)) {
					own.add(unit.getId());
				}
			}
			return own;
		}

		/** The installed plugins: root features that are not the product's own, by id. */
		List<IInstallableUnit> plugins() {
			Set<String> own = own();
			return roots().stream().filter(r -> !own.contains(r.getId())).toList();
		}
	}

	private static String featureId(String id) {
		return id.endsWith(FEATURE_GROUP) ? id.substring(0, id.length() - FEATURE_GROUP.length()) : id;
	}

	/** "F" for a feature, "B" for a bundle, null for p2's other units (configuration, feature jars). */
	private static String kind(IInstallableUnit unit) {
		if (unit.getId().endsWith(FEATURE_GROUP)) {
			return "F";
		}
		if (unit.getId().endsWith(".feature.jar")) {
			return null;
		}
		for (IProvidedCapability capability : unit.getProvidedCapabilities()) {
			if ("osgi.bundle".equals(capability.getNamespace())) {
				return "B";
			}
		}
		return null;
	}

	/**
	 * A site loaded for one operation. p2 remembers every repository it loads; one the
	 * installation did not know before is forgotten again, so a check leaves nothing behind.
	 */
	private static final class SiteSession implements AutoCloseable {
		private final URI site;
		private final String kind;
		private final IMetadataRepositoryManager metadataManager;
		private final IArtifactRepositoryManager artifactManager;
		private final boolean knewMetadata;
		private final boolean knewArtifacts;

		SiteSession(IProvisioningAgent agent, URI site, String kind) {
			if (site == null) {
				throw new ActionableException("No update site is set",
						"Give one with --site URL, or set it with 'orbit update site URL'");
			}
			this.site = site;
			this.kind = kind;
			metadataManager = agent.getService(IMetadataRepositoryManager.class);
			artifactManager = agent.getService(IArtifactRepositoryManager.class);
			knewMetadata = metadataManager.contains(site);
			knewArtifacts = artifactManager.contains(site);
		}

		IMetadataRepository metadata(SubMonitor monitor) {
			try {
				return metadataManager.loadRepository(site, monitor);
			} catch (ProvisionException e) {
				throw unreadable(e);
			} catch (OperationCanceledException e) {
				throw new ActionableException("Reading " + site + " was cancelled", "Nothing was changed");
			}
		}

		void artifacts(SubMonitor monitor) {
			try {
				artifactManager.loadRepository(site, monitor);
			} catch (ProvisionException e) {
				throw unreadable(e);
			}
		}

		private ActionableException unreadable(ProvisionException e) {
			String what = UPDATE_SITE.equals(kind) ? "Check the address and the network, or give another site with --site URL"
					: "Check the address and the network";
			return new ActionableException(kind + " " + site + " cannot be read: " + detail(e.getStatus()),
					what + "; the installation is unchanged", e);
		}

		@Override
		public void close() {
			if (!knewMetadata) {
				metadataManager.removeRepository(site);
			}
			if (!knewArtifacts) {
				artifactManager.removeRepository(site);
			}
		}
	}
}
