#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "sha256.h"

/*
 * SHA-256 against the FIPS 180-4 examples (NIST's "SHA256.pdf" and
 * the long message of FIPS 180-2 Appendix B.3), the padding edges
 * where the length spills into a second block, and digests printed by
 * coreutils' sha256sum for a few strings.
 */

static void
hex(const unsigned char d[32], char out[65])
{
	static const char digits[] = "0123456789abcdef";
	int i;

	for (i = 0; i < 32; i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 0xf];
	}
	out[64] = '\0';
}

/* The digest of s, fed in pieces of chunk bytes (0: all at once). */
static void
digest_of(const char *s, size_t len, size_t chunk, char out[65])
{
	struct sha256 c;
	unsigned char d[32];
	size_t n;

	sha256_init(&c);
	if (chunk == 0)
		sha256_update(&c, s, len);
	else
		for (; len > 0; s += n, len -= n) {
			n = len < chunk ? len : chunk;
			sha256_update(&c, s, n);
		}
	sha256_final(&c, d);
	hex(d, out);
}

static void
assert_digest(const char *s, const char *want)
{
	static const size_t chunks[] = { 0, 1, 3, 63, 64, 65 };
	char got[65];
	size_t i;

	for (i = 0; i < sizeof(chunks) / sizeof(*chunks); i++) {
		digest_of(s, strlen(s), chunks[i], got);
		assert_string_equal(got, want);
	}
}

static void
torture_sha256_empty(void **state)
{
	(void)state;
	assert_digest("",
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void
torture_sha256_abc(void **state)
{
	(void)state;
	assert_digest("abc",
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void
torture_sha256_448_bits(void **state)
{
	(void)state;
	assert_digest("abcdbcdecdefdefgefghfghighijhijkijkljklm"
	    "klmnlmnomnopnopq",
	    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void
torture_sha256_896_bits(void **state)
{
	(void)state;
	assert_digest("abcdefghbcdefghicdefghijdefghijkefghijklfghijklm"
	    "ghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrst"
	    "nopqrstu",
	    "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

/*
 * One million 'a' in pieces of uneven, changing sizes, so that pieces
 * start and end at every offset within a block.
 */
static void
torture_sha256_million_a(void **state)
{
	static char a[1000];
	struct sha256 c;
	unsigned char d[32];
	char got[65];
	size_t left, n, k;

	(void)state;
	memset(a, 'a', sizeof(a));
	sha256_init(&c);
	for (left = 1000000, k = 0; left > 0; left -= n, k++) {
		n = (k * 37 + 1) % sizeof(a) + 1;
		if (n > left)
			n = left;
		sha256_update(&c, a, n);
	}
	sha256_final(&c, d);
	hex(d, got);
	assert_string_equal(got,
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/*
 * 55 bytes leave room for the padding in their block; 56 and 63 need
 * a second block; 64 and 120 are a whole block and more.
 */
static void
torture_sha256_padding_edges(void **state)
{
	static const struct {
		size_t		 len;
		const char	*want;
	} t[] = {
		{ 55, "9f4390f8d30c2dd92ec9f095b65e2b9a"
		    "e9b0a925a5258e241c9f1e910f734318" },
		{ 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f"
		    "590ce20f1bde7090ef7970686ec6738a" },
		{ 63, "7d3e74a05d7db15bce4ad9ec0658ea98"
		    "e3f06eeecf16b4c6fff2da457ddc2f34" },
		{ 64, "ffe054fe7ae0cb6dc65c3af9b61d5209"
		    "f439851db43d0ba5997337df154668eb" },
		{ 119, "31eba51c313a5c08226adf18d4a359cf"
		    "dfd8d2e816b13f4af952f7ea6584dcfb" },
		{ 120, "2f3d335432c70b580af0e8e1b3674a7c"
		    "020d683aa5f73aaaedfdc55af904c21c" },
	};
	char a[128], got[65];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(*t); i++) {
		memset(a, 'a', t[i].len);
		a[t[i].len] = '\0';
		assert_digest(a, t[i].want);
	}
	/* A 0 byte is data like any other. */
	digest_of("ab\0c", 4, 1, got);
	assert_string_equal(got,
	    "6c032e631d39a14d85aff7e319546af701e26c97b57ca95fbfe9c6ba855f67bf");
}

/* printf '%s' STRING | sha256sum */
static void
torture_sha256_matches_sha256sum(void **state)
{
	(void)state;
	assert_digest("prolo",
	    "17dc781157070c4af87742913844f2b08b70d9cbac210934fb4426f49aab72c8");
	assert_digest("The quick brown fox jumps over the lazy dog",
	    "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592");
	assert_digest("\xc3\x9cnal \xe5\xb1\xb1\xe7\x94\xb0 \xf0\x9f\x98\x80",
	    "abc02302e4f53c6437b0d2cd5bd76c767ee2c9749e5f0ff310fecd039ab7d6dd");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(torture_sha256_empty),
		cmocka_unit_test(torture_sha256_abc),
		cmocka_unit_test(torture_sha256_448_bits),
		cmocka_unit_test(torture_sha256_896_bits),
		cmocka_unit_test(torture_sha256_million_a),
		cmocka_unit_test(torture_sha256_padding_edges),
		cmocka_unit_test(torture_sha256_matches_sha256sum),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
