/* t_evidence.c: the text an observation keeps is the input with control
 * bytes and DEL blanked and tokens redacted, wherever in the line they
 * fall (the blanking tests eight bytes at a time). */
#include <stdlib.h>
#include <string.h>

#include "spacelock/evidence.h"
#include "test.h"

/* What clean_text must produce, one byte at a time. */
static void expected(const char *s, char *out)
{
	size_t n = strlen(s);

	for (size_t i = 0; i < n; i++)
		out[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? ' ' : s[i];
	out[n] = '\0';
}

static void test_blanking(void)
{
	static const char bad[] = {'\t', '\x01', '\x1f', '\x7f', '\x1b'};
	char line[64], want[64];

	/* each control byte at every position of a 40-byte line with UTF-8 in it */
	for (size_t b = 0; b < sizeof(bad); b++) {
		for (size_t pos = 0; pos < 40; pos++) {
			struct sl_obs_list l = SL_OBS_LIST_INIT;
			struct sl_obs o = {.name = "x", .source = "t", .text = line};
			memcpy(line, "abc \xc3\xa9t\xe2\x82\xac 0123456789 defghijklmnopqrstuvwxyz",
			       40);
			line[40] = '\0';
			line[pos] = bad[b];
			expected(line, want);
			sl_obs_list_add(&l, &o);
			CHECK_STR(l.v[0].text, want, "blanked");
			sl_obs_list_release(&l);
		}
	}
}

static void test_redaction(void)
{
	const char *tok = "hf_abcdefghijklmnopqrstuvwxyz0123456789";
	char line[128];

	for (size_t pos = 0; pos < 12; pos++) {
		struct sl_obs_list l = SL_OBS_LIST_INIT;
		struct sl_obs o = {.name = "x", .source = "t", .text = line};
		memset(line, ' ', pos);
		strcpy(line + pos, tok);
		strcat(line, " xhf_abcdefghijklmnopqrstuvwxyz0123456789 hf_short");
		sl_obs_list_add(&l, &o);
		CHECK(strstr(l.v[0].text, "abcdefghijklmnopqrstuvwxyz0123456789 x") == NULL,
		      "token at %zu redacted: %s", pos, l.v[0].text);
		CHECK(strstr(l.v[0].text, "xhf_***") != NULL, "a token glued to a word too: %s",
		      l.v[0].text);
		CHECK(strstr(l.v[0].text, "hf_short") != NULL, "a short body is kept: %s",
		      l.v[0].text);
		sl_obs_list_release(&l);
	}
}

int main(void)
{
	test_blanking();
	test_redaction();
	return t_done();
}
