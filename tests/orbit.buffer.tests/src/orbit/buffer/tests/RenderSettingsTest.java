package orbit.buffer.tests;

import orbit.buffer.Preset;
import orbit.buffer.RenderSettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RenderSettingsTest {

	@Test
	void settingsThatSoundTheSameAreEqual() {
		assertEquals(new RenderSettings(Preset.WARM, 0.5, 2.0), new RenderSettings(Preset.WARM, 0.501, 2.04));
		assertEquals(new RenderSettings(Preset.WARM, 0.5, 0), new RenderSettings(Preset.WARM, 0.5, -0.01));
	}

	@Test
	void onlyTheOriginalAtNormalTempoOrNoIntensityLeavesTheSamples() {
		assertTrue(RenderSettings.of(Preset.ORIGINAL).identity());
		assertTrue(new RenderSettings(Preset.PUNCHY, 0, 0).identity());
		assertFalse(new RenderSettings(Preset.ORIGINAL, 1, 0.1).identity());
		assertFalse(RenderSettings.of(Preset.BRIGHT).identity());
	}

	@Test
	void outOfRangeValuesAreRefusedWithTheRange() {
		assertEquals("Tempo 9.0 % is outside -8.0 to +8.0 %",
				assertThrows(IllegalArgumentException.class, () -> new RenderSettings(Preset.WARM, 1, 9)).getMessage());
		assertThrows(IllegalArgumentException.class, () -> new RenderSettings(Preset.WARM, Double.NaN, 0));
		assertEquals("No preset 'loud'; the presets are original, adaptive, gentle, warm, bright, punchy",
				assertThrows(IllegalArgumentException.class, () -> Preset.named("loud")).getMessage());
		assertEquals(Preset.BRIGHT, Preset.named(" Bright"));
	}
}
