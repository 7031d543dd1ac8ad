package orbit.app.internal.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import orbit.core.ErrorSentences;
import orbit.core.DataDirectory;
import orbit.core.cli.CommandContribution;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code orbit} command line: global options, and every {@link CommandContribution}
 * service as a subcommand. One instance serves one invocation.
 */
public final class OrbitCommandLine {

	/** Exit code of a failure, told as what happened and what to do (bad home, corrupt file, full disk, ...). */
	public static final int EXIT_ACTIONABLE = 2;

	/** The root command: global options only. */
	@Command(name = "orbit", mixinStandardHelpOptions = true, versionProvider = OrbitVersion.class,
			description = "ORBIT: a DJ library that never loses or corrupts a file.%n",
			subcommands = CommandLine.HelpCommand.class, sortOptions = false,
			footer = { "%nData directory: --home DIR, else $ORBIT_HOME, else the platform's user data directory.",
					"Run 'orbit help COMMAND' for the options of a command." })
	static final class Root implements Runnable {

		@Spec
		CommandSpec spec;

		@Option(names = "--home", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
				description = "Data directory (library database, journal, logs).")
		Path home;

		@Option(names = { "-v", "--verbose" }, scope = CommandLine.ScopeType.INHERIT,
				description = "Print stack traces of errors.")
		boolean verbose;

		@Override
		public void run() {
			spec.commandLine().usage(spec.commandLine().getOut());
		}
	}

	/** Only the global options, read before any service is touched. */
	@Command(name = "orbit")
	static final class GlobalOptions {
		@Option(names = "--home")
		Path home;
		@Option(names = { "-v", "--verbose" })
		boolean verbose;
	}

	private OrbitCommandLine() {
	}

	/**
	 * Runs one command line. The data directory given by {@code --home} is set before any
	 * contributed command (and so any service it references) is created.
	 */
	public static int run(BundleContext context, String[] args, PrintWriter out, PrintWriter err) {
		GlobalOptions global = new GlobalOptions();
		CommandLine preParser = new CommandLine(global);
		preParser.setUnmatchedArgumentsAllowed(true).setUnmatchedOptionsArePositionalParams(true);
		try {
			preParser.parseArgs(args);
		} catch (CommandLine.ParameterException e) {
			err.println("orbit: " + e.getMessage());
			err.flush();
			return CommandLine.ExitCode.USAGE;
		}
		if (global.home != null) {
			System.setProperty(DataDirectory.HOME_PROPERTY, global.home.toAbsolutePath().normalize().toString());
		}
		// Only the command asked for is created: its component, and the services it references,
		// are activated, and no other concern's (the help needs them all).
		List<ServiceReference<CommandContribution>> chosen = chosen(context, commandName(args));
		List<ServiceReference<CommandContribution>> got = new ArrayList<>();
		try {
			List<Object> commands = new ArrayList<>();
			for (ServiceReference<CommandContribution> reference : chosen) {
				CommandContribution contribution = context.getService(reference);
				if (contribution != null) {
					got.add(reference);
					commands.add(contribution.newCommand());
				}
			}
			commands.sort(Comparator.comparing(OrbitCommandLine::nameOf));
			return execute(commands, args, out, err, global.verbose);
		} finally {
			// Releasing the services lets delayed components (the library) close their files.
			for (ServiceReference<CommandContribution> reference : got) {
				context.ungetService(reference);
			}
			out.flush();
			err.flush();
		}
	}

	/**
	 * The command a command line runs: its first word that is not a global option, or null when
	 * it names none ({@code orbit}, {@code orbit --help}, {@code orbit --version}).
	 */
	static String commandName(String[] args) {
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("--home")) {
				i++;
			} else if (arg.startsWith("--home=") || arg.equals("-v") || arg.equals("--verbose")) {
				continue;
			} else {
				return arg.startsWith("-") ? null : arg;
			}
		}
		return null;
	}

	/**
	 * The contributions to create: those named {@code command} and those without a name, when
	 * one is named so; else every one (the help lists them all, an unknown command is told so).
	 */
	static List<ServiceReference<CommandContribution>> chosen(BundleContext context, String command) {
		Collection<ServiceReference<CommandContribution>> all;
		try {
			all = context.getServiceReferences(CommandContribution.class, null);
		} catch (InvalidSyntaxException e) {
			throw new IllegalStateException(e); // no filter is given
		}
		List<ServiceReference<CommandContribution>> named = all.stream()
				.filter(r -> command != null && command.equals(r.getProperty(CommandContribution.NAME))).toList();
		if (named.isEmpty()) {
			return List.copyOf(all);
		}
		return all.stream().filter(r -> named.contains(r) || r.getProperty(CommandContribution.NAME) == null).toList();
	}

	static int execute(List<Object> subcommands, String[] args, PrintWriter out, PrintWriter err, boolean verbose) {
		CommandLine commandLine = new CommandLine(new Root());
		for (Object subcommand : subcommands) {
			commandLine.addSubcommand(subcommand);
		}
		withHelp(commandLine);
		// --notation openkey, --integrity gold, --audio damaged: names are not shouted
		commandLine.setCaseInsensitiveEnumValuesAllowed(true);
		commandLine.setOut(out);
		commandLine.setErr(err);
		commandLine.setExecutionExceptionHandler((e, line, parsed) -> report(e, line.getErr(), verbose));
		try {
			return commandLine.execute(args);
		} catch (VirtualMachineError e) {
			throw e;
		} catch (Error e) {
			// A class that cannot be loaded (a bundle whose imports do not match what is installed) is
			// told as a failure, not left to the framework, which logs it and exits 0.
			return report(new IllegalStateException(e.toString(), e), err, verbose);
		}
	}

	/**
	 * Gives every command and subcommand {@code -h, --help}, whatever its contributor declared: help
	 * is asked before the command's own parameters are checked, so {@code orbit scan --help} needs
	 * no folder.
	 */
	private static void withHelp(CommandLine commandLine) {
		CommandSpec spec = commandLine.getCommandSpec();
		if (spec.options().stream().noneMatch(CommandLine.Model.OptionSpec::usageHelp) && spec.findOption("--help") == null
				&& spec.findOption("-h") == null) {
			spec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
					.description("Show this help and exit.").build());
		}
		for (CommandLine sub : commandLine.getSubcommands().values()) {
			withHelp(sub);
		}
	}

	/**
	 * One sentence for the user, what happened and what to do (see {@link ErrorSentences}); the
	 * stack trace only with --verbose. Every failure that reaches here exits {@link #EXIT_ACTIONABLE}.
	 */
	static int report(Exception e, PrintWriter err, boolean verbose) {
		String home = System.getProperty(DataDirectory.HOME_PROPERTY, System.getenv(DataDirectory.HOME_ENVIRONMENT));
		String sentence = ErrorSentences.sentence(e, home == null ? null : Path.of(home));
		err.println("orbit: " + (verbose ? sentence.replace(" " + ErrorSentences.VERBOSE_HINT, "") : sentence));
		if (verbose) {
			StringWriter trace = new StringWriter();
			e.printStackTrace(new PrintWriter(trace));
			err.print(trace);
		}
		err.flush();
		return EXIT_ACTIONABLE;
	}

	private static String nameOf(Object command) {
		Command annotation = command.getClass().getAnnotation(Command.class);
		return annotation == null ? command.getClass().getName() : annotation.name();
	}
}
