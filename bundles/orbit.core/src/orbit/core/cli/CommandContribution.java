package orbit.core.cli;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A subcommand of the {@code orbit} command line, offered as an OSGi service (whiteboard).
 *
 * <p>{@link #newCommand()} returns a fresh picocli command object for each invocation: a class
 * annotated with {@code @picocli.CommandLine.Command} that implements
 * {@code java.util.concurrent.Callable<Integer>} (the exit code). Its output goes to
 * {@code spec.commandLine().getOut()}; a failure the user can fix is thrown as an
 * {@link orbit.core.ActionableException}.
 *
 * <p>A contribution registered with the service property {@value #NAME} (its command's name,
 * e.g. {@code @Component(property = CommandContribution.NAME + "=tracks")}) is created only when
 * that command runs, or for the help: {@code orbit tracks} then activates the tracks command and
 * the services it references, and nothing else. One without the property is created for every
 * command line.
 */
@ConsumerType
public interface CommandContribution {

	/** The service property naming the command a contribution offers. */
	String NAME = "orbit.command";

	/** A new, unparsed command object. */
	Object newCommand();
}
