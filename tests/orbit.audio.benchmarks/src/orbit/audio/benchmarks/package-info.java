/** Decode throughput and analysis time against flac and ffmpeg, side by side. */
package orbit.audio.benchmarks;
