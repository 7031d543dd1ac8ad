package orbit.audio;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * A compact fingerprint of a recording: one 32-bit sub-fingerprint per hop, each bit the sign of
 * an energy difference between neighbouring bands and successive hops. Copies of one recording
 * in different formats differ in a few bits; different recordings in about half.
 *
 * @param hashes     the sub-fingerprints, in time order
 * @param hopSeconds the time between two sub-fingerprints
 */
public record Fingerprint(int[] hashes, double hopSeconds) {

	/**
	 * The share of equal bits of the best-aligned overlap of two fingerprints, from 0.5 (unrelated)
	 * to 1 (identical); searched over offsets of up to {@code maxShiftSeconds}.
	 */
	public double similarity(Fingerprint other, double maxShiftSeconds) {
		int maxShift = (int) Math.round(maxShiftSeconds / hopSeconds);
		double best = 0;
		for (int shift = -maxShift; shift <= maxShift; shift++) {
			int from = Math.max(0, -shift);
			int to = Math.min(hashes.length, other.hashes.length - shift);
			if (to - from < 8) {
				continue;
			}
			long differing = 0;
			for (int i = from; i < to; i++) {
				differing += Integer.bitCount(hashes[i] ^ other.hashes[i + shift]);
			}
			best = Math.max(best, 1 - differing / (32.0 * (to - from)));
		}
		return best;
	}

	/** The hashes in base64, big-endian: about 54 characters per second of audio (a hash every 0.1 s). */
	public String encoded() {
		ByteBuffer bytes = ByteBuffer.allocate(hashes.length * 4);
		bytes.asIntBuffer().put(hashes);
		return Base64.getEncoder().withoutPadding().encodeToString(bytes.array());
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof Fingerprint f && java.util.Arrays.equals(hashes, f.hashes) && hopSeconds == f.hopSeconds;
	}

	@Override
	public int hashCode() {
		return java.util.Arrays.hashCode(hashes);
	}

	@Override
	public String toString() {
		return "Fingerprint[" + hashes.length + " hashes, hop " + hopSeconds + " s]";
	}
}
