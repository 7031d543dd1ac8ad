/**
 * Updates of an installed ORBIT from a p2 update site: {@link orbit.updates.Updates} checks a
 * site for newer versions of the installed features (each concern is its own feature, installed
 * as a root, so each updates alone), installs them, and goes back to the state before.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package orbit.updates;
