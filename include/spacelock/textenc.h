/* textenc.h: the text encodings real Space files arrive in (UTF-8 with or
 * without a BOM, UTF-16 LE/BE with a BOM), decoded to UTF-8 for parsing and
 * encoded back so that an unmodified file is reproduced byte for byte.
 *
 * UTF-16 input is decoded to WTF-8: a lone surrogate (ill-formed UTF-16)
 * becomes the 3-byte sequence of its code point, so even such a file
 * encodes back to the exact original units.  sl_utf8_valid rejects those
 * sequences, so readers can tell that such text is not real Unicode.
 * UTF-8 input is passed through untouched, valid or not. */
#ifndef SPACELOCK_TEXTENC_H
#define SPACELOCK_TEXTENC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "error.h"

enum sl_textenc {
	SL_TEXTENC_UTF8 = 0,
	SL_TEXTENC_UTF16LE,
	SL_TEXTENC_UTF16BE,
};

struct sl_textenc_info {
	enum sl_textenc enc;
	bool bom; /* the input started with a byte order mark (always true for UTF-16) */
};

/* Detects the encoding of data from its byte order mark (none: UTF-8) and
 * appends the text, without the BOM, as UTF-8 (WTF-8 for UTF-16) to out.
 * label names the input in messages.  Fails with SL_EPARSE for UTF-32
 * (a UTF-32 BOM) and for UTF-16 text with an odd number of bytes; info and
 * out are then unspecified. */
int sl_textenc_decode(const void *data, size_t len, const char *label, struct sl_textenc_info *info,
		      struct sl_buf *out, struct sl_err *err);

/* Appends text (UTF-8/WTF-8 as produced by sl_textenc_decode) to out in
 * the encoding described by info, BOM first when info->bom.  Encoding the
 * output of sl_textenc_decode reproduces the decoded input exactly.  For
 * UTF-16, a byte that is not part of a well-formed sequence is written as
 * U+FFFD. */
void sl_textenc_encode(const char *text, size_t len, const struct sl_textenc_info *info,
		       struct sl_buf *out);

/* Decodes one UTF-8 sequence at s (at most len bytes available): returns
 * its length (1-4) and stores the code point in *cp, or returns 0 for an
 * ill-formed sequence (overlong, surrogate, above U+10FFFF, truncated). */
size_t sl_utf8_next(const char *s, size_t len, uint32_t *cp);

/* True when s[0..len) is well-formed UTF-8 (NUL bytes allowed). */
bool sl_utf8_valid(const char *s, size_t len);

/* Offset of the first ill-formed byte of s[0..len), or len when none. */
size_t sl_utf8_invalid_at(const char *s, size_t len);

/* "utf-8", "utf-8 with bom", "utf-16le", "utf-16be": for messages and JSON. */
const char *sl_textenc_name(const struct sl_textenc_info *info);

#endif
