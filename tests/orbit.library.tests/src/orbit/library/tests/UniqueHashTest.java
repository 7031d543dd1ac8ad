package orbit.library.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

import orbit.library.UniqueHash;

class UniqueHashTest {

	@Test
	void caseWhitespaceAndUnicodeFormsDoNotChangeTheIdentity() {
		String plain = UniqueHash.of("Daft Punk", "Around the World", "Homework");
		assertEquals(plain, UniqueHash.of("  DAFT   punk ", "around\tthe world", "HOMEWORK"));
		// Full-width letters fold under NFKC.
		assertEquals(plain, UniqueHash.of("Ｄａｆｔ Ｐｕｎｋ", "Around the World", "Homework"));
		// Composed and decomposed accents agree.
		assertEquals(UniqueHash.of("Beyonc\u00e9", "Halo", null), UniqueHash.of("Beyonce\u0301", "Halo", ""));
	}

	@Test
	void fieldBoundariesMatter() {
		assertNotEquals(UniqueHash.of("a b", "c", ""), UniqueHash.of("a", "b c", ""));
	}

	@Test
	void isTheMd5OfTheNormalisedFieldsJoinedByUnitSeparators() {
		// printf 'daft punk\x1faround the world\x1fhomework' | md5sum
		assertEquals("873df950266326d6223032e4aa6e85b6", UniqueHash.of("Daft Punk", "Around the World", "Homework"));
		assertEquals("56e49f1a2519d01d44f84ea1793f65cf", UniqueHash.of("x", "y", "z"));
	}
}
