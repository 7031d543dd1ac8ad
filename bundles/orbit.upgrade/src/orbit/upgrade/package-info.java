/**
 * Upgrades: replacing library tracks with better copies of the same recording, safely.
 *
 * <p>{@link orbit.upgrade.FileHolders} is the pre-flight check that comes before any file is
 * touched: which other processes have the file open or lock it, so that a file a DJ application
 * holds is deferred rather than replaced under it.
 */
package orbit.upgrade;
