package orbit.download.internal;

import com.google.gson.Gson;

/** What the journal holds of a download: enough to resume it after a crash or a restart. */
record DownloadIntent(String uri, String directory, String target, String validator, long size) {

	private static final Gson GSON = new Gson();

	String json() {
		return GSON.toJson(this);
	}

	static DownloadIntent parse(String json) {
		return GSON.fromJson(json, DownloadIntent.class);
	}
}
