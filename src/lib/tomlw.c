/* tomlw.c: TOML output (toml.io v1.0.0): bare keys where the grammar
 * allows them, basic strings with the escapes it defines. */
#include "spacelock/tomlw.h"

#include <string.h>

#include "spacelock/textenc.h"

void sl_toml_key(struct sl_buf *out, const char *key)
{
	bool bare = *key != '\0';

	for (const char *p = key; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			bare = false;
	if (bare)
		sl_buf_addstr(out, key);
	else
		sl_toml_string(out, key);
}

void sl_toml_string(struct sl_buf *out, const char *s)
{
	size_t len = strlen(s), i = 0;

	sl_buf_addch(out, '"');
	while (i < len) {
		uint32_t c;
		size_t n = sl_utf8_next(s + i, len - i, &c);
		if (n == 0) {
			sl_buf_addstr(out, "\xef\xbf\xbd");
			i++;
			continue;
		}
		switch (c) {
		case '"': sl_buf_addstr(out, "\\\""); break;
		case '\\': sl_buf_addstr(out, "\\\\"); break;
		case '\b': sl_buf_addstr(out, "\\b"); break;
		case '\t': sl_buf_addstr(out, "\\t"); break;
		case '\n': sl_buf_addstr(out, "\\n"); break;
		case '\f': sl_buf_addstr(out, "\\f"); break;
		case '\r': sl_buf_addstr(out, "\\r"); break;
		default:
			if (c < 0x20 || c == 0x7f)
				sl_buf_addf(out, "\\u%04X", (unsigned)c);
			else
				sl_buf_add(out, s + i, n);
		}
		i += n;
	}
	sl_buf_addch(out, '"');
}

void sl_toml_kv_string(struct sl_buf *out, const char *key, const char *value)
{
	sl_toml_key(out, key);
	sl_buf_addstr(out, " = ");
	sl_toml_string(out, value);
	sl_buf_addch(out, '\n');
}

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

bool sl_toml_is_datetime(const char *s)
{
	size_t len = strlen(s), i = 19;

	/* YYYY-MM-DDTHH:MM:SS */
	if (len < 20 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
	    !digits(s + 8, 2) || (s[10] != 'T' && s[10] != ' ') || !digits(s + 11, 2) ||
	    s[13] != ':' || !digits(s + 14, 2) || s[16] != ':' || !digits(s + 17, 2))
		return false;
	if (s[i] == '.') {
		size_t f = ++i;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == f)
			return false;
	}
	if (s[i] == 'Z' || s[i] == 'z')
		return i + 1 == len;
	return len - i == 6 && (s[i] == '+' || s[i] == '-') && digits(s + i + 1, 2) &&
	       s[i + 3] == ':' && digits(s + i + 4, 2);
}
