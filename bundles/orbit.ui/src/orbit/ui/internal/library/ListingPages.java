package orbit.ui.internal.library;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import orbit.library.Library;
import orbit.library.LibraryListing;

/**
 * The rows a virtual table asks for. The ids of the whole listing, in the chosen order, are read
 * once; rows are fetched by id a page at a time and kept in a small least-recently-used cache, so
 * scrolling through 100,000 entries reads only what is shown, in any order.
 */
public final class ListingPages {

	public static final int PAGE_SIZE = 256;
	private static final int PAGES_KEPT = 64;

	private final Library library;
	private final long[] ids;
	private final Map<Integer, List<LibraryListing>> pages = new LinkedHashMap<>(PAGES_KEPT, 0.75f, true) {
		private static final long serialVersionUID = 1L;

		@Override
		protected boolean removeEldestEntry(Map.Entry<Integer, List<LibraryListing>> eldest) {
			return size() > PAGES_KEPT;
		}
	};

	public ListingPages(Library library, long[] ids) {
		this.library = library;
		this.ids = ids;
	}

	public int size() {
		return ids.length;
	}

	public long id(int row) {
		return ids[row];
	}

	/** The row of an entry, or -1 when the listing does not hold it. */
	public int rowOf(long id) {
		for (int row = 0; row < ids.length; row++) {
			if (ids[row] == id) {
				return row;
			}
		}
		return -1;
	}

	/** The listing shown at {@code row}, or null past the end (or when the entry was removed meanwhile). */
	public LibraryListing row(int row) {
		if (row < 0 || row >= ids.length) {
			return null;
		}
		int page = row / PAGE_SIZE;
		List<LibraryListing> listings = pages.computeIfAbsent(page, p -> library
				.listings(Arrays.copyOfRange(ids, p * PAGE_SIZE, Math.min(ids.length, (p + 1) * PAGE_SIZE))));
		int index = row % PAGE_SIZE;
		LibraryListing listing = index < listings.size() ? listings.get(index) : null;
		return listing != null && listing.entry().id() == ids[row] ? listing : find(listings, ids[row]);
	}

	private static LibraryListing find(List<LibraryListing> listings, long id) {
		for (LibraryListing listing : listings) {
			if (listing.entry().id() == id) {
				return listing;
			}
		}
		return null;
	}

	/** Forgets the cached rows (their entries changed); the order stays. */
	public void clear() {
		pages.clear();
	}
}
