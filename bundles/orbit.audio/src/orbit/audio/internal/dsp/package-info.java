/** The measurements of decoded audio: spectrum and cutoff, fingerprint, alignment, loudness. */
package orbit.audio.internal.dsp;
