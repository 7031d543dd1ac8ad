package orbit.audio.internal.dsp;

import org.jtransforms.fft.FloatFFT_1D;

import orbit.audio.Fingerprint;
import orbit.audio.Pcm;

/**
 * A Haitsma–Kalker fingerprint. The audio is mixed to mono and decimated to about 5.5 kHz; frames
 * of 2048 samples (0.37 s, long enough that a codec's changes average out within a band) hop by
 * 0.1 s, so consecutive frames still share three quarters of their audio and a copy shifted by
 * half a hop keeps most of every frame; 10 hashes a second is 40 bytes. Each frame's power is
 * summed in 33 bands spaced evenly in log frequency from 300 Hz to 2 kHz, where every codec keeps
 * the music; bit m of a hash is the sign of how the difference between bands m and m+1 changed
 * since the previous frame.
 */
final class Fingerprinter {

	static final int FRAME = 2048;
	static final double HOP_SECONDS = 0.1;
	static final int BANDS = 33;
	static final double LOWEST_HZ = 300;
	static final double HIGHEST_HZ = 2000;

	private Fingerprinter() {
	}

	static Fingerprint of(Pcm pcm) {
		int factor = Decimator.factor(pcm.sampleRate());
		double rate = pcm.sampleRate() / (double) factor;
		float[] audio = Decimator.decimatedMono(pcm, factor);
		int hop = (int) Math.round(HOP_SECONDS * rate);
		int frames = audio.length < FRAME ? 0 : (audio.length - FRAME) / hop + 1;
		int[] edges = bandEdges(rate);
		float[] window = Fft.hann(FRAME);
		FloatFFT_1D fft = Fft.real(FRAME);
		float[] frame = new float[FRAME];
		double[] previous = new double[BANDS];
		double[] current = new double[BANDS];
		int[] hashes = new int[Math.max(0, frames - 1)];
		for (int f = 0; f < frames; f++) {
			int start = f * hop;
			for (int i = 0; i < FRAME; i++) {
				frame[i] = audio[start + i] * window[i];
			}
			fft.realForward(frame);
			for (int b = 0; b < BANDS; b++) {
				double sum = 0;
				for (int k = edges[b]; k < edges[b + 1]; k++) {
					sum += Fft.power(frame, k);
				}
				current[b] = sum;
			}
			if (f > 0) {
				int hash = 0;
				for (int b = 0; b < BANDS - 1; b++) {
					double change = current[b] - current[b + 1] - (previous[b] - previous[b + 1]);
					if (change > 0) {
						hash |= 1 << b;
					}
				}
				hashes[f - 1] = hash;
			}
			double[] swap = previous;
			previous = current;
			current = swap;
		}
		return new Fingerprint(hashes, hop / rate);
	}

	/** The first bin of every band and, last, the bin after the last band. */
	private static int[] bandEdges(double rate) {
		int[] edges = new int[BANDS + 1];
		for (int b = 0; b <= BANDS; b++) {
			double hz = LOWEST_HZ * Math.pow(HIGHEST_HZ / LOWEST_HZ, b / (double) BANDS);
			edges[b] = (int) Math.round(hz * FRAME / rate);
		}
		return edges;
	}
}
