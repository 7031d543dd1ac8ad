package orbit.audio;

/**
 * EBU R128 loudness.
 *
 * @param integratedLufs the integrated (gated) loudness in LUFS; negative infinity for silence
 * @param truePeakDbtp   the true peak (4x oversampled) in dBTP
 */
public record Loudness(double integratedLufs, double truePeakDbtp) {
}
