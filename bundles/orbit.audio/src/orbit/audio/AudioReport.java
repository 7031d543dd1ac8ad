package orbit.audio;

/**
 * Everything measured of one file.
 *
 * @param info          the stream's header
 * @param decodedFrames the frames actually decoded
 * @param cutoff        the spectral cutoff
 * @param verdict       the lossless verdict drawn from it
 * @param loudness      integrated loudness and true peak
 * @param fingerprint   the recording's fingerprint
 * @param replaced      NaN or infinite samples replaced on the way (decoder and measurements)
 */
public record AudioReport(StreamInfo info, long decodedFrames, SpectralCutoff cutoff, LosslessVerdict verdict,
		Loudness loudness, Fingerprint fingerprint, long replaced) {

	public double decodedSeconds() {
		return decodedFrames / (double) info.sampleRate();
	}
}
