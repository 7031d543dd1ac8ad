/**
 * The buffer: processed audio rendered ahead of the playhead in three tiers, and the preview
 * deck that plays through it. Reading audio never waits on rendering; what is not rendered yet
 * is served from the decoded source and reported as a fallback span.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package orbit.buffer;
