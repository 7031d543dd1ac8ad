package orbit.ui.internal.library;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import orbit.library.Library;
import orbit.library.Track;

/**
 * The rows a virtual table asks for, fetched from the library a page at a time and kept in a
 * small least-recently-used cache, so scrolling through 100,000 tracks reads only what is shown.
 */
public final class TrackPages {

	public static final int PAGE_SIZE = 256;
	private static final int PAGES_KEPT = 64;

	private final Library library;
	private final Map<Long, List<Track>> pages = new LinkedHashMap<>(PAGES_KEPT, 0.75f, true) {
		private static final long serialVersionUID = 1L;

		@Override
		protected boolean removeEldestEntry(Map.Entry<Long, List<Track>> eldest) {
			return size() > PAGES_KEPT;
		}
	};

	public TrackPages(Library library) {
		this.library = library;
	}

	/** The track shown at {@code row}, or null past the end. */
	public Track row(int row) {
		long page = row / PAGE_SIZE;
		List<Track> tracks = pages.computeIfAbsent(page, p -> library.tracks(p * PAGE_SIZE, PAGE_SIZE));
		int index = row % PAGE_SIZE;
		return index < tracks.size() ? tracks.get(index) : null;
	}

	public void clear() {
		pages.clear();
	}
}
