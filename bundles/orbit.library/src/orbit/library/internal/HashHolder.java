package orbit.library.internal;

/** An entry's UniqueHash and id, as MyBatis maps them. */
public class HashHolder {
	public String uniqueHash;
	public long id;
}
