package orbit.audio.internal.mp3;

/** A frame whose side information or Huffman data cannot be what an encoder wrote. */
public final class DamagedFrameException extends Exception {

	private static final long serialVersionUID = 1L;

	DamagedFrameException(String message) {
		super(message);
	}
}
