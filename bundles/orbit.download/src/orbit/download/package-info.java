/**
 * Resumable downloads: a priority queue of downloads written to {@code name.ext.part} files,
 * watched by a heartbeat that detects stalls and resumes where the bytes stopped, finished by a
 * verified move into place through SafeWrite. Where the bytes come from is a plugin: a
 * {@link orbit.download.DownloadSource} service (whiteboard); HTTP(S) with Range requests is
 * built in.
 */
package orbit.download;
