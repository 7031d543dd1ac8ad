package orbit.audio;

/**
 * The highest frequency with real energy, and how the spectrum ends there.
 *
 * @param hz        the cutoff in Hz; 0 when the audio has no energy worth measuring
 * @param nyquistHz half the sample rate: the highest frequency the file can hold
 * @param dropDb    how far the level falls within a few hundred Hz above the cutoff: a lossy
 *                  encoder's low-pass is a cliff of tens of dB, a natural roll-off is gentle
 */
public record SpectralCutoff(double hz, double nyquistHz, double dropDb) {
}
