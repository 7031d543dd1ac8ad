package orbit.buffer;

/**
 * What a chunk is rendered with. Values are rounded to the steps below on construction, so that
 * two settings that sound the same are equal and share cached chunks.
 *
 * @param preset       the processing chain
 * @param intensity    how much of it, 0 (none) to 1 (all), in steps of 0.01
 * @param tempoPercent the key-locked tempo change, -8 to +8 percent, in steps of 0.1
 */
public record RenderSettings(Preset preset, double intensity, double tempoPercent) {

	public static final double MAX_TEMPO_PERCENT = 8;

	public RenderSettings {
		if (preset == null) {
			throw new IllegalArgumentException("No preset");
		}
		if (!Double.isFinite(intensity) || intensity < 0 || intensity > 1) {
			throw new IllegalArgumentException("Intensity " + intensity + " is not between 0 and 1");
		}
		if (!Double.isFinite(tempoPercent) || Math.abs(tempoPercent) > MAX_TEMPO_PERCENT) {
			throw new IllegalArgumentException(
					"Tempo " + tempoPercent + " % is outside -" + MAX_TEMPO_PERCENT + " to +" + MAX_TEMPO_PERCENT + " %");
		}
		intensity = Math.round(intensity * 100) / 100.0;
		tempoPercent = Math.round(tempoPercent * 10) / 10.0 + 0.0; // + 0.0 turns -0.0 into 0.0
	}

	public static RenderSettings of(Preset preset) {
		return new RenderSettings(preset, 1, 0);
	}

	/** Source frames per output frame: 1.08 at +8 %. */
	public double ratio() {
		return 1 + tempoPercent / 100;
	}

	public RenderSettings withPreset(Preset newPreset) {
		return new RenderSettings(newPreset, intensity, tempoPercent);
	}

	public RenderSettings withIntensity(double newIntensity) {
		return new RenderSettings(preset, newIntensity, tempoPercent);
	}

	public RenderSettings withTempo(double newTempoPercent) {
		return new RenderSettings(preset, intensity, newTempoPercent);
	}

	/** Whether rendering leaves the source samples exactly as they are. */
	public boolean identity() {
		return tempoPercent == 0 && (preset == Preset.ORIGINAL || intensity == 0);
	}

	@Override
	public String toString() {
		return String.format(java.util.Locale.ROOT, "%s %.2f %+.1f%%", preset.id(), intensity, tempoPercent);
	}
}
