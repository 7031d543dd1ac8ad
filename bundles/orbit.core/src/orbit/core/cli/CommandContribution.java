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
 */
@ConsumerType
public interface CommandContribution {

	/** A new, unparsed command object. */
	Object newCommand();
}
