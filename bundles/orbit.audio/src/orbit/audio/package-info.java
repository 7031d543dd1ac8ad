/**
 * Audio: any library file decoded to PCM, and measurements of the audio itself.
 *
 * <p>{@link orbit.audio.AudioDecoder} opens a file as a {@link orbit.audio.PcmStream} of
 * interleaved float samples in the file's own rate and channels, with seeking; every decode is
 * bounded in time and a bad file is an {@link orbit.audio.AudioException} that names the file
 * and the position. {@link orbit.audio.AudioAnalysis} measures decoded audio: its spectral
 * cutoff and from it a {@link orbit.audio.LosslessVerdict}, a {@link orbit.audio.Fingerprint},
 * {@link orbit.audio.Loudness} (EBU R128) and the {@link orbit.audio.Alignment} of two
 * decodings. The bundle keeps no state: it measures files.
 */
package orbit.audio;
