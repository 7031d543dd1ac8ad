/**
 * The rendering DSP: the presets' EQ, compressor and limiter, the key-locked tempo change, and
 * the render of one range of a track as a pure function of its inputs.
 */
package orbit.buffer.internal.dsp;
