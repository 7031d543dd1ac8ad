package orbit.upgrade.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import orbit.core.ComponentConfiguration;
import orbit.upgrade.CandidateSource;

/** The folders the user names for better copies: a downloads folder, an "incoming" folder. */
@Component(configurationPid = IncomingFolders.PID)
@Designate(ocd = IncomingFolders.Config.class)
public class IncomingFolders implements CandidateSource {

	public static final String PID = "orbit.upgrade";

	@ObjectClassDefinition(name = "Upgrades", description = "Where better copies of library tracks arrive.")
	public @interface Config {
		@AttributeDefinition(description = "Folders to look in for better copies (absolute paths), e.g. a downloads folder.")
		String[] incoming() default {};
	}

	private volatile List<Path> folders = List.of();

	@Activate
	@Modified
	void configure(Config config) {
		Config effective = ComponentConfiguration.withLaunchProperties(config, PID);
		folders = Arrays.stream(effective.incoming()).filter(s -> !s.isBlank()).map(Path::of).toList();
	}

	@Override
	public String name() {
		return "incoming folders";
	}

	@Override
	public List<Path> folders() {
		return folders;
	}
}
