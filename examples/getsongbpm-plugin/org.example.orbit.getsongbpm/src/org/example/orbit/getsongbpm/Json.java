package org.example.orbit.getsongbpm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader (objects as maps, arrays as lists, numbers as doubles): the plugin depends
 * on ORBIT's enrichment API alone, so it brings no JSON library of its own into the installation.
 */
final class Json {

	private final String text;
	private int at;

	private Json(String text) {
		this.text = text;
	}

	/** The value {@code text} holds; IllegalArgumentException when it is no JSON. */
	static Object parse(String text) {
		Json json = new Json(text);
		Object value = json.value();
		json.space();
		if (json.at != text.length()) {
			throw json.error("text after the value");
		}
		return value;
	}

	private Object value() {
		space();
		if (at >= text.length()) {
			throw error("end of input");
		}
		char c = text.charAt(at);
		switch (c) {
		case '{':
			return object();
		case '[':
			return array();
		case '"':
			return string();
		case 't':
			return word("true", Boolean.TRUE);
		case 'f':
			return word("false", Boolean.FALSE);
		case 'n':
			return word("null", null);
		default:
			return number();
		}
	}

	private Map<String, Object> object() {
		Map<String, Object> object = new LinkedHashMap<>();
		at++;
		space();
		if (peek('}')) {
			return object;
		}
		do {
			space();
			String name = string();
			space();
			expect(':');
			object.put(name, value());
			space();
		} while (next(','));
		expect('}');
		return object;
	}

	private List<Object> array() {
		List<Object> array = new ArrayList<>();
		at++;
		space();
		if (peek(']')) {
			return array;
		}
		do {
			array.add(value());
			space();
		} while (next(','));
		expect(']');
		return array;
	}

	private String string() {
		expect('"');
		StringBuilder s = new StringBuilder();
		while (at < text.length()) {
			char c = text.charAt(at++);
			if (c == '"') {
				return s.toString();
			}
			if (c != '\\') {
				s.append(c);
				continue;
			}
			char e = text.charAt(at++);
			switch (e) {
			case 'b' -> s.append('\b');
			case 'f' -> s.append('\f');
			case 'n' -> s.append('\n');
			case 'r' -> s.append('\r');
			case 't' -> s.append('\t');
			case 'u' -> {
				s.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
				at += 4;
			}
			default -> s.append(e);
			}
		}
		throw error("unterminated string");
	}

	private Double number() {
		int start = at;
		while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
			at++;
		}
		try {
			return Double.valueOf(text.substring(start, at));
		} catch (NumberFormatException e) {
			throw error("a value");
		}
	}

	private Object word(String word, Object value) {
		if (!text.startsWith(word, at)) {
			throw error(word);
		}
		at += word.length();
		return value;
	}

	private void space() {
		while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
			at++;
		}
	}

	private boolean peek(char c) {
		if (at < text.length() && text.charAt(at) == c) {
			at++;
			return true;
		}
		return false;
	}

	private boolean next(char c) {
		space();
		return peek(c);
	}

	private void expect(char c) {
		if (!peek(c)) {
			throw error("'" + c + "'");
		}
	}

	private IllegalArgumentException error(String expected) {
		return new IllegalArgumentException("expected " + expected + " at character " + at);
	}
}
