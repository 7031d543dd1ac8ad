/**
 * Updates of an installed ORBIT from a p2 update site: {@link orbit.updates.Updates} checks a
 * site for newer versions of the installed features (each concern is its own feature, installed
 * as a root, so each updates alone), installs them, and goes back to the state before. It also
 * installs and removes plugins: third-party features from their own sites, added as further roots. What is installed must be signed by a key the installation trusts,
 * or accepted by the user ({@link orbit.updates.Trust}).
 */
@org.osgi.annotation.versioning.Version("0.3.0")
package orbit.updates;
