package orbit.buffer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The buffer: one set of tiers and render workers that the decks play through. A service.
 */
@ProviderType
public interface Buffer {

	/** Opens a deck that plays through this buffer; the caller pulls its audio with {@link PreviewDeck#read}. */
	PreviewDeck openDeck();

	/** Opens a deck that plays itself to an output: the sound card, or a null sink at real speed. */
	PreviewDeck openDeck(DeckOutput output);

	/** Hit rates, memory, workers, errors and alerts, as of now. */
	BufferHealth health();

	/** Where decks send their audio when they play themselves. */
	enum DeckOutput {
		/** The default sound device through javax.sound; a null sink where there is none. */
		SOUND_CARD,
		/** Discards the audio at real speed: the timing of a sound card without one. */
		NULL_SINK
	}
}
