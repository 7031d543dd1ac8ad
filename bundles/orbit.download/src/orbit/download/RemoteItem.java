package orbit.download;

import java.net.URI;

/**
 * What a source says about a remote item before its bytes are fetched.
 *
 * @param size           its length in bytes, or -1 when unknown
 * @param validator      what identifies this version of the item (an ETag, a Last-Modified
 *                       date or a checksum); a resume is only valid against the same validator
 * @param checksum       "sha-256:hex" when the source publishes one, else null
 * @param rangeSupported whether a download can resume in the middle
 * @param fileName       the name the remote side suggests (unsanitised), or null
 */
public record RemoteItem(URI uri, long size, String validator, String checksum, boolean rangeSupported,
		String fileName) {
}
