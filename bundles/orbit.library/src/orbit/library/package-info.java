/**
 * The library concern's API: the {@link orbit.library.Library} service over the library
 * database, its {@link orbit.library.Track} entries and their {@link orbit.library.UniqueHash}.
 */
package orbit.library;
