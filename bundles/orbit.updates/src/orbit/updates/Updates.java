package orbit.updates;

import java.net.URI;
import java.util.Collection;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The running installation's p2 profile and an update site: what is installed, what is newer,
 * installing it, and going back. Every method that changes the installation either completes or
 * leaves it as it was (p2 fetches and checks every artifact before it changes anything); what it
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
	 * what changed, empty when nothing was newer.
	 */
	List<Change> apply(URI site, Collection<String> features, UpdateProgress progress);

	/** Brings the installation back to the state before the last {@link #apply} (or revert); returns what changed. */
	List<Change> revert(UpdateProgress progress);
}
