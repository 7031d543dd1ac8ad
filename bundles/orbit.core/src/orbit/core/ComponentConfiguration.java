package orbit.core;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.LoggerFactory;

/**
 * Typed component configurations: a component's settings are an annotation type marked
 * {@code @ObjectClassDefinition}, whose element defaults are the only defaults; Declarative
 * Services hands the component its configuration from Configuration Admin (PID = the
 * component's {@code configurationPid}) in {@code @Activate} and {@code @Modified}.
 *
 * <p>A launcher or a test may still set a value for one launch: {@code -D<pid>.<key>=value}
 * wins over Configuration Admin and the default once the component passes its configuration
 * through {@link #withLaunchProperties}. Keys are the elements' names as DS maps them
 * ({@code window$_$ms()} is {@code window-ms}, {@code fault_backoff()} is {@code fault.backoff}).
 */
public final class ComponentConfiguration {

	private ComponentConfiguration() {
	}

	/** The configuration type's own defaults, for a component made outside DS (tests, benchmarks). */
	public static <C extends Annotation> C defaults(Class<C> type) {
		Map<String, Object> values = new HashMap<>();
		for (Method element : type.getDeclaredMethods()) {
			if (element.getDefaultValue() == null) {
				throw new IllegalArgumentException(type.getName() + "." + element.getName() + "() has no default");
			}
			values.put(element.getName(), element.getDefaultValue());
		}
		return proxy(type, values, null);
	}

	/**
	 * {@code config} with every {@code -D<pid>.<key>} system property set for one of its elements
	 * in its place; of several PIDs the last wins, as in DS. Read now: a property set later
	 * counts from the next activation or modification.
	 *
	 * @throws ActionableException when a property's value is not of the element's type (also logged)
	 */
	public static <C extends Annotation> C withLaunchProperties(C config, String... pids) {
		Class<? extends Annotation> type = config.annotationType();
		Map<String, Object> values = new HashMap<>();
		for (Method element : type.getDeclaredMethods()) {
			for (String pid : pids) {
				String property = pid + "." + key(element);
				String text = System.getProperty(property);
				if (text != null) {
					try {
						values.put(element.getName(), convert(property, text, element.getReturnType()));
					} catch (ActionableException wrong) {
						// DS notes a failed activation only in the framework's log: say it where the user looks.
						LoggerFactory.getLogger(ComponentConfiguration.class).error("{} (until then the component it "
								+ "configures does not start)", wrong.getMessage());
						throw wrong;
					}
				}
			}
		}
		@SuppressWarnings("unchecked")
		C overridden = (C) proxy(type, values, config);
		return values.isEmpty() ? config : overridden;
	}

	/**
	 * The configuration key of an element, by the DS rules: {@code $_$} is {@code -},
	 * {@code $$} is {@code $}, another {@code $} goes, {@code __} is {@code _}, {@code _} is {@code .}.
	 */
	public static String key(Method element) {
		String name = element.getName();
		StringBuilder key = new StringBuilder(name.length());
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c == '$') {
				if (name.startsWith("$_$", i)) {
					key.append('-');
					i += 2;
				} else if (name.startsWith("$$", i)) {
					key.append('$');
					i++;
				}
			} else if (c == '_') {
				if (name.startsWith("__", i)) {
					key.append('_');
					i++;
				} else {
					key.append('.');
				}
			} else {
				key.append(c);
			}
		}
		return key.toString();
	}

	private static Object convert(String property, String text, Class<?> type) {
		String value = text.strip();
		try {
			if (type == String.class) {
				return text;
			} else if (type == int.class) {
				return Integer.parseInt(value);
			} else if (type == long.class) {
				return Long.parseLong(value);
			} else if (type == double.class) {
				return Double.parseDouble(value);
			} else if (type == boolean.class) {
				if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
					throw new IllegalArgumentException();
				}
				return Boolean.parseBoolean(value);
			}
		} catch (IllegalArgumentException e) {
			String kind = type == boolean.class ? "true or false" : type == double.class ? "a number" : "a whole number";
			throw new ActionableException("-D" + property + "=" + text + " is not " + kind,
					"Give " + kind + ", or leave the property out for the configured value");
		}
		throw new IllegalArgumentException("a configuration element of type " + type.getName() + " cannot be set by "
				+ property);
	}

	/** The values given by name; the others, and the annotation's own methods, from {@code fallback}. */
	private static <C extends Annotation> C proxy(Class<C> type, Map<String, Object> values, Annotation fallback) {
		Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (self, method, args) -> {
			if (method.getDeclaringClass() == type && values.containsKey(method.getName())) {
				return values.get(method.getName());
			}
			if (fallback != null) {
				try {
					return method.invoke(fallback, args);
				} catch (InvocationTargetException e) {
					throw e.getCause();
				}
			}
			return switch (method.getName()) {
			case "annotationType" -> type;
			case "hashCode" -> System.identityHashCode(self);
			case "equals" -> self == args[0];
			case "toString" -> "@" + type.getName() + values;
			default -> throw new UnsupportedOperationException(method.getName());
			};
		});
		return type.cast(proxy);
	}
}
