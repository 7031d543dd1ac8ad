package orbit.library.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.sqlite.Function;
import org.sqlite.SQLiteConnection;

/**
 * Text as a search compares it: lower case, accents and other marks taken off, and the letters
 * that have no mark to take off spelled as DJs type them ({@code ß} ss, {@code æ} ae, {@code ø} o),
 * so that "bjork" finds Björk and "sigur ros" Sigur Rós. The library's text filter folds the
 * user's text in Java and the columns in SQLite, through {@value #FUNCTION}, which every connection
 * of the library's sessions has.
 */
public final class SearchFold {

	/** The SQL function: {@code orbit_fold(text)} is {@link #of(String) of(text)}. */
	static final String FUNCTION = "orbit_fold";

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");
	private static final Map<String, String> SPELLED = Map.of("ß", "ss", "æ", "ae", "œ", "oe", "ø", "o", "ł", "l", "đ", "d",
			"ð", "d", "þ", "th", "ı", "i");

	private SearchFold() {
	}

	/** {@code text} folded; null for null. */
	public static String of(String text) {
		if (text == null) {
			return null;
		}
		String folded = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("")
				.toLowerCase(Locale.ROOT);
		for (int i = 0; i < folded.length(); i++) {
			if (folded.charAt(i) > 0x7f) {
				StringBuilder spelled = new StringBuilder(folded.length() + 4);
				folded.codePoints().forEach(c -> {
					String instead = SPELLED.get(Character.toString(c));
					if (instead != null) {
						spelled.append(instead);
					} else {
						spelled.appendCodePoint(c);
					}
				});
				return spelled.toString();
			}
		}
		return folded;
	}

	/** {@code pooled}, whose every physical connection gets the function the first time it is handed out. */
	static DataSource registering(DataSource pooled) {
		return new RegisteringDataSource(pooled);
	}

	private static final class RegisteringDataSource implements DataSource {
		private final DataSource pooled;
		/** The SQLite connections that have the function; weak, so a closed one is forgotten. */
		private final Map<SQLiteConnection, Boolean> registered = new WeakHashMap<>();

		RegisteringDataSource(DataSource pooled) {
			this.pooled = pooled;
		}

		private Connection registered(Connection connection) throws SQLException {
			SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
			synchronized (registered) {
				if (registered.putIfAbsent(sqlite, Boolean.TRUE) == null) {
					Function.create(sqlite, FUNCTION, new Function() {
						@Override
						protected void xFunc() throws SQLException {
							result(of(value_text(0)));
						}
					}, 1, Function.FLAG_DETERMINISTIC);
				}
			}
			return connection;
		}

		@Override
		public Connection getConnection() throws SQLException {
			return registered(pooled.getConnection());
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return registered(pooled.getConnection(username, password));
		}

		@Override
		public PrintWriter getLogWriter() throws SQLException {
			return pooled.getLogWriter();
		}

		@Override
		public void setLogWriter(PrintWriter out) throws SQLException {
			pooled.setLogWriter(out);
		}

		@Override
		public void setLoginTimeout(int seconds) throws SQLException {
			pooled.setLoginTimeout(seconds);
		}

		@Override
		public int getLoginTimeout() throws SQLException {
			return pooled.getLoginTimeout();
		}

		@Override
		public Logger getParentLogger() throws SQLFeatureNotSupportedException {
			return pooled.getParentLogger();
		}

		@Override
		public <T> T unwrap(Class<T> type) throws SQLException {
			return type.isInstance(this) ? type.cast(this) : pooled.unwrap(type);
		}

		@Override
		public boolean isWrapperFor(Class<?> type) throws SQLException {
			return type.isInstance(this) || pooled.isWrapperFor(type);
		}
	}
}
