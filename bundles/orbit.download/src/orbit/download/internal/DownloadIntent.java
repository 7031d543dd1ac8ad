package orbit.download.internal;

import com.google.gson.Gson;

/**
 * What the journal holds of a download: enough to resume it after a crash or a restart, and the
 * reason of its last failure (null while nothing failed for good).
 */
public record DownloadIntent(String uri, String directory, String target, String validator, long size, String failure) {

	private static final Gson GSON = new Gson();

	public String json() {
		return GSON.toJson(this);
	}

	public static DownloadIntent parse(String json) {
		return GSON.fromJson(json, DownloadIntent.class);
	}
}
