/**
 * SafeWrite: file writes that either happen completely or not at all, and survive power loss.
 *
 * <p>{@link orbit.safewrite.SafeWriteService#writeAtomic} produces the new content in a temp
 * file beside the target ({@code name.ext.<uuid>.tmp}), fsyncs it, verifies it, renames it over
 * the target and fsyncs the directory; the original keeps its modification time.
 * {@link orbit.safewrite.SafeWriteService#moveAtomic} moves a file within or across volumes and
 * deletes the source only once the copy is durable and verified. Failures are
 * {@link orbit.safewrite.SafeWriteException}s that say what happened; the original is untouched.
 */
package orbit.safewrite;
