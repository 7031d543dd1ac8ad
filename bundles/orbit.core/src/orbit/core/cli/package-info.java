/** The extension point of the {@code orbit} command line: subcommands contributed as services. */
package orbit.core.cli;
