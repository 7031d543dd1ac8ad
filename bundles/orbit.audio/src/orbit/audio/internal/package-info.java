/**
 * The decoders: Java ones for MP3, FLAC, WAV, AIFF and Vorbis, FFmpeg for Opus and AAC.
 *
 * <p>A damaged or truncated file is an error that names the file and where decoding stopped,
 * never a shorter decode passed off as whole: a lossless file must decode to its declared length;
 * a lossy one fails when it ends inside a frame (an MP3 frame or an Ogg page running past the end
 * of the file) or falls short of its declared length by more than one codec frame (the Xing
 * frame count of an MP3, the last granule of an Ogg stream, an MP4's index). A lossy file without
 * a declared length (an MP3 without a Xing frame) and an Ogg file cut exactly at a page boundary
 * cannot be told from whole ones and decode to what they hold.
 */
package orbit.audio.internal;
