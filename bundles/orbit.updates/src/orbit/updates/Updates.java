package orbit.updates;

import java.net.URI;
import java.util.Collection;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The running installation's p2 profile and an update site: what is installed, what is newer,
 * installing it, and going back; and the plugins installed beside ORBIT's own features. Every
 * method that changes the installation either completes or leaves it as it was (p2 fetches and checks every artifact before it changes anything); what it
 * installs runs from the next start. Failures the user can act on are
 * {@link orbit.core.ActionableException}s.
 */
@ProviderType
public interface Updates {

	/** The site used when none is given: the user's choice ({@link #setSite}), else the product's default; null when neither is set. */
	URI site();

	/** Remembers the user's update site; null forgets it (the product's default applies again). */
	void setSite(URI site);

	/** The installed features (the installation's root units), by id. */
	List<InstalledFeature> installed();

	/** The installed features of which {@code site} offers a newer version, with both versions. */
	List<FeatureUpdate> check(URI site, UpdateProgress progress);

	/**
	 * Installs the newer versions {@code site} offers of the given installed features (by id, with
	 * or without the {@code .feature.group} suffix), or of every one when none is given; returns
	 * what changed, empty when nothing was newer. Artifacts that are not signed by a key the
	 * installation trusts are installed only when {@code trust} says so.
	 */
	List<Change> apply(URI site, Collection<String> features, Trust trust, UpdateProgress progress);

	/** Brings the installation back to the state before the last {@link #apply} (or revert); returns what changed. */
	List<Change> revert(UpdateProgress progress);

	/**
	 * The keys whose signatures the installation trusts without asking: those that signed the
	 * installation itself (its own artifacts, as installed), and those the user chose to trust always.
	 */
	List<Signer> trustedSigners();

	/** The installed plugins: the root features that are not the product's own, by id. */
	List<Plugin> plugins();

	/** What {@code site} offers to install as a plugin (its features, the newest version of each), by id. */
	List<Plugin> offered(URI site, UpdateProgress progress);

	/**
	 * Installs the given features of {@code site} (by id, with or without {@code .feature.group})
	 * as plugins: additional roots, with what they need from the site; returns what changed. A
	 * plugin whose requirements neither the installation nor the site provide is refused whole.
	 * Artifacts that are not signed by a key the installation trusts are installed only when
	 * {@code trust} says so.
	 */
	List<Change> install(URI site, Collection<String> plugins, Trust trust, UpdateProgress progress);

	/**
	 * Uninstalls the given plugins, with what only they needed; the data directory (the library)
	 * is not touched. Returns what changed. ORBIT's own features are no plugins and are refused.
	 */
	List<Change> remove(Collection<String> plugins, UpdateProgress progress);
}
