package orbit.updates;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * What an installation from {@code site} would install without anyone vouching for it: the
 * artifacts that are not signed at all, and those signed only by keys the installation does not
 * trust, by signer. Artifacts are named {@code id version}.
 */
public record UntrustedContent(URI site, List<String> unsigned, Map<Signer, List<String>> unknownSigners) {

	public UntrustedContent {
		unsigned = List.copyOf(unsigned);
		unknownSigners = Map.copyOf(unknownSigners);
	}

	/** One sentence: how many artifacts are unsigned and which of them, and who signed the others. */
	public String describe() {
		StringBuilder text = new StringBuilder();
		if (!unsigned.isEmpty()) {
			text.append(count(unsigned.size(), "artifact is", "artifacts are")).append(" not signed (")
					.append(names(unsigned)).append(')');
		}
		for (Map.Entry<Signer, List<String>> signed : unknownSigners.entrySet()) {
			text.append(text.isEmpty() ? "" : "; ").append(count(signed.getValue().size(), "artifact is", "artifacts are"))
					.append(" signed by a key this installation does not trust, ").append(signed.getKey()).append(" (")
					.append(names(signed.getValue())).append(')');
		}
		return text.toString();
	}

	private static String count(int n, String one, String many) {
		return n + " " + (n == 1 ? one : many);
	}

	private static String names(List<String> artifacts) {
		return artifacts.size() <= 3 ? String.join(", ", artifacts)
				: String.join(", ", artifacts.subList(0, 3)) + " and " + (artifacts.size() - 3) + " more";
	}
}
