/** {@code orbit audio FILE...} and {@code orbit audio compare A B}. */
package orbit.audio.internal.cli;
