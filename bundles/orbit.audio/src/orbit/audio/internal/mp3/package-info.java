/**
 * The MPEG audio layer III decoder, written from ISO/IEC 11172-3 and 13818-3: {@link
 * orbit.audio.internal.mp3.Layer3Decoder} turns whole frames into float PCM; finding the frames,
 * gapless trimming and seeking are {@code Mp3Stream}'s.
 */
package orbit.audio.internal.mp3;
