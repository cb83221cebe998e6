/* textenc.c: BOM detection, UTF-16 <-> UTF-8 (WTF-8) with exact round trip. */
#include "spacelock/textenc.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

static const unsigned char BOM_UTF8[] = {0xEF, 0xBB, 0xBF};

/* Decodes one sequence, surrogate code points allowed when wtf (so that
 * what decode_utf16 wrote for a lone surrogate reads back). */
static size_t utf8_seq(const unsigned char *s, size_t len, uint32_t *cp, bool wtf)
{
	uint32_t c = s[0], min;
	size_t n, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2, min = 0x80, c &= 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3, min = 0x800, c &= 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4, min = 0x10000, c &= 0x07;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (!wtf && c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

size_t sl_utf8_next(const char *s, size_t len, uint32_t *cp)
{
	if (len == 0)
		return 0;
	return utf8_seq((const unsigned char *)s, len, cp, false);
}

/* Length of the ASCII run at s[0..len): sixteen bytes at a time with SSE2
 * (build logs are mostly ASCII and long). */
static size_t ascii_run(const char *s, size_t len)
{
	size_t i = 0;
#ifdef __SSE2__
	for (; len - i >= 16; i += 16) {
		unsigned m = (unsigned)_mm_movemask_epi8(
		    _mm_loadu_si128((const __m128i *)(const void *)(s + i)));
		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
#endif
	while (i < len && (unsigned char)s[i] < 0x80)
		i++;
	return i;
}

size_t sl_utf8_invalid_at(const char *s, size_t len)
{
	size_t i = 0, n;
	uint32_t cp;

	while ((i += ascii_run(s + i, len - i)) < len) {
		const unsigned char *u = (const unsigned char *)s + i;
		if (u[0] >= 0xE1 && u[0] <= 0xEC && len - i >= 3 && (u[1] & 0xC0) == 0x80 &&
		    (u[2] & 0xC0) == 0x80) {
			/* the common 3-byte case (box drawing, as in pip's
			 * progress bars: E1..EC need no range check); a bar of
			 * one character: when the 48 bytes after it repeat it,
			 * they are 16 more of it */
			while (len - i >= 51 && memcmp(s + i, s + i + 3, 48) == 0)
				i += 48;
			i += 3;
			continue;
		}
		n = sl_utf8_next(s + i, len - i, &cp);
		if (n == 0)
			return i;
		i += n;
	}
	return len;
}

bool sl_utf8_valid(const char *s, size_t len)
{
	return sl_utf8_invalid_at(s, len) == len;
}

static void add_utf8(struct sl_buf *out, uint32_t c)
{
	unsigned char b[4];
	size_t n;

	if (c < 0x80) {
		b[0] = (unsigned char)c, n = 1;
	} else if (c < 0x800) {
		b[0] = (unsigned char)(0xC0 | (c >> 6)), n = 2;
	} else if (c < 0x10000) {
		b[0] = (unsigned char)(0xE0 | (c >> 12)), n = 3;
	} else {
		b[0] = (unsigned char)(0xF0 | (c >> 18)), n = 4;
	}
	for (size_t i = 1; i < n; i++)
		b[i] = (unsigned char)(0x80 | ((c >> (6 * (n - 1 - i))) & 0x3F));
	sl_buf_add(out, b, n);
}

static uint32_t unit_at(const unsigned char *p, bool le)
{
	return le ? (uint32_t)(p[0] | (p[1] << 8)) : (uint32_t)((p[0] << 8) | p[1]);
}

static int decode_utf16(const unsigned char *p, size_t len, bool le, const char *label,
			struct sl_buf *out, struct sl_err *err)
{
	size_t i = 0;

	if (len % 2)
		return sl_error(err, SL_EPARSE,
				"'%s': utf-16 text has an odd number of bytes (%zu)", label,
				len + 2);
	sl_buf_grow(out, len + len / 2);
	while (i < len) {
		uint32_t u = unit_at(p + i, le), lo;

		i += 2;
		if (u >= 0xD800 && u <= 0xDBFF && i < len) {
			lo = unit_at(p + i, le);
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
				i += 2;
			}
		}
		add_utf8(out, u);
	}
	return 0;
}

int sl_textenc_decode(const void *data, size_t len, const char *label, struct sl_textenc_info *info,
		      struct sl_buf *out, struct sl_err *err)
{
	const unsigned char *p = data;

	info->enc = SL_TEXTENC_UTF8;
	info->bom = false;
	if (len >= 4 && ((p[0] == 0xFF && p[1] == 0xFE && p[2] == 0 && p[3] == 0) ||
			 (p[0] == 0 && p[1] == 0 && p[2] == 0xFE && p[3] == 0xFF)))
		return sl_error(err, SL_EPARSE, "'%s': utf-32 text is not supported", label);
	if (len >= 3 && memcmp(p, BOM_UTF8, 3) == 0) {
		info->bom = true;
		sl_buf_add(out, p + 3, len - 3);
		return 0;
	}
	if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
		info->bom = true;
		info->enc = p[0] == 0xFF ? SL_TEXTENC_UTF16LE : SL_TEXTENC_UTF16BE;
		return decode_utf16(p + 2, len - 2, info->enc == SL_TEXTENC_UTF16LE, label, out,
				    err);
	}
	sl_buf_add(out, p, len);
	return 0;
}

static void add_unit(struct sl_buf *out, uint32_t u, bool le)
{
	unsigned char b[2];

	b[le ? 0 : 1] = (unsigned char)(u & 0xFF);
	b[le ? 1 : 0] = (unsigned char)(u >> 8);
	sl_buf_add(out, b, 2);
}

static void encode_utf16(const unsigned char *s, size_t len, bool le, struct sl_buf *out)
{
	size_t i = 0, n;
	uint32_t c;

	sl_buf_grow(out, len * 2);
	while (i < len) {
		n = utf8_seq(s + i, len - i, &c, true);
		if (n == 0) {
			c = 0xFFFD;
			n = 1;
		}
		i += n;
		if (c >= 0x10000) {
			c -= 0x10000;
			add_unit(out, 0xD800 + (c >> 10), le);
			add_unit(out, 0xDC00 + (c & 0x3FF), le);
		} else {
			add_unit(out, c, le);
		}
	}
}

void sl_textenc_encode(const char *text, size_t len, const struct sl_textenc_info *info,
		       struct sl_buf *out)
{
	bool le = info->enc == SL_TEXTENC_UTF16LE;

	if (info->enc == SL_TEXTENC_UTF8) {
		if (info->bom)
			sl_buf_add(out, BOM_UTF8, 3);
		sl_buf_add(out, text, len);
		return;
	}
	add_unit(out, 0xFEFF, le);
	encode_utf16((const unsigned char *)text, len, le, out);
}

const char *sl_textenc_name(const struct sl_textenc_info *info)
{
	switch (info->enc) {
	case SL_TEXTENC_UTF16LE: return "utf-16le";
	case SL_TEXTENC_UTF16BE: return "utf-16be";
	case SL_TEXTENC_UTF8: break;
	}
	return info->bom ? "utf-8 with bom" : "utf-8";
}
