/**
 * The library concern's API: the {@link orbit.library.Library} service over the library
 * database, its {@link orbit.library.LibraryEntry} entries with their dual-truth metadata, and the {@link orbit.library.UniqueHash} of a recording.
 */
package orbit.library;
