/* tomlw.h: the small TOML writer export needs (pylock.toml): keys, basic
 * strings, integers, date-times, arrays and inline tables, each appended to
 * an sl_buf.  Nothing is read: spacelock never parses TOML. */
#ifndef SPACELOCK_TOMLW_H
#define SPACELOCK_TOMLW_H

#include <stdbool.h>

#include "buf.h"

/* A key: bare when it is only ASCII letters, digits, '-' and '_', else a
 * quoted basic string. */
void sl_toml_key(struct sl_buf *out, const char *key);

/* A basic string "...": '"', '\' and control characters escaped
 * (\b \t \n \f \r, else \uXXXX); bytes that are not UTF-8 become U+FFFD,
 * since TOML files are UTF-8. */
void sl_toml_string(struct sl_buf *out, const char *s);

/* `key = "value"` and a line break. */
void sl_toml_kv_string(struct sl_buf *out, const char *key, const char *value);

/* True when s is an RFC 3339 date-time TOML takes bare
 * ("2024-01-02T03:04:05.123Z", "...+01:00"). */
bool sl_toml_is_datetime(const char *s);

#endif
