/** The decoders: Java ones for MP3, FLAC, WAV, AIFF and Vorbis, FFmpeg for Opus and AAC. */
package orbit.audio.internal;
