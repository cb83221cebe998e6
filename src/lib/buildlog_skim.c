/* buildlog_skim.c: feeding the lines of builds that a later header
 * replaces (buildlog_file.c finds that header before the bulk of the file
 * is read).  Nothing of such a build is kept, so a line only counts (the
 * line numbers), may be a header or a summary line, or may be damaged.
 * Masks of newlines, control bytes and non-ASCII bytes, made 64 bytes at
 * a time with the widest vector instructions the CPU has, find the lines
 * and tell the clean ones, which are judged as written (their first byte,
 * then their first words); any other line (control bytes, invalid UTF-8
 * not yet warned about, too long, not after a header) takes the usual way
 * through the line splitter, so the result is the same as feeding the
 * bytes with st->skim set. */
#include <stdint.h>
#include <string.h>
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define HAVE_AVX2_PATH 1
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "buildlog_private.h"

#define BLOCK 64
#define BATCH 64 /* blocks whose masks are made in one call: 4 KB */

/* Bit i set when byte i of the block is a newline / a control byte other
 * than tab and newline, or DEL / non-ASCII / one a line must start with to
 * be read (log_skim_first_byte; all ones when not worked out). */
struct block_masks {
	uint64_t nl, ctl, high, first;
	unsigned lines; /* newlines in the block */
};

/* log_skim_first_byte as two 16-entry tables for a vector lookup: bit h of
 * hi[c >> 4] and of lo[c & 15] both set iff c is in the set (ok: the set
 * has at most 8 distinct high nibbles, so each gets a bit). */
struct nibble_tables {
	uint8_t lo[16], hi[16];
	bool ok;
};

static void nibble_tables_init(struct nibble_tables *t)
{
	int bits = 0;

	memset(t, 0, sizeof(*t));
	for (int h = 0; h < 16; h++) {
		for (int l = 0; l < 16; l++) {
			if (!log_skim_first_byte[h << 4 | l])
				continue;
			if (!t->hi[h]) {
				if (bits == 8)
					return;
				t->hi[h] = (uint8_t)(1u << bits++);
			}
			t->lo[l] |= t->hi[h];
		}
	}
	t->ok = true;
}

static inline void masks_merge(struct block_masks *m, uint64_t low, uint64_t high, uint64_t nl,
			       uint64_t tab, int shift)
{
	m->nl |= nl << shift;
	m->high |= high << shift;
	m->ctl |= (low & ~high & ~nl & ~tab) << shift;
}

#if defined(__SSE2__)
/* Sixteen bytes at a time: every x86-64 has SSE2.  "low" compares signed,
 * so non-ASCII bytes (negative) count as below 0x20 too. */
static void masks_sse2(const char *p, size_t nblocks, const struct nibble_tables *t,
		       struct block_masks *out)
{
	const __m128i nl = _mm_set1_epi8('\n'), tab = _mm_set1_epi8('\t');
	const __m128i space = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7f);

	for (size_t b = 0; b < nblocks; b++, p += BLOCK) {
		struct block_masks m = {0, 0, 0, ~(uint64_t)0, 0};
		for (int q = 0; q < BLOCK; q += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + q));
			__m128i low =
			    _mm_or_si128(_mm_cmplt_epi8(v, space), _mm_cmpeq_epi8(v, del));
			masks_merge(&m, (uint32_t)_mm_movemask_epi8(low),
				    (uint32_t)_mm_movemask_epi8(v),
				    (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl)),
				    (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, tab)), q);
		}
		m.lines = (unsigned)__builtin_popcountll(m.nl);
		out[b] = m;
	}
}
#else
static void masks_sse2(const char *p, size_t nblocks, const struct nibble_tables *t,
		       struct block_masks *out)
{
	for (size_t b = 0; b < nblocks; b++, p += BLOCK) {
		struct block_masks m = {0, 0, 0, ~(uint64_t)0, 0};
		for (int i = 0; i < BLOCK; i++) {
			unsigned char c = (unsigned char)p[i];
			uint64_t bit = (uint64_t)1 << i;
			if (c == '\n')
				m.nl |= bit;
			else if (c >= 0x80)
				m.high |= bit;
			else if ((c < 0x20 && c != '\t') || c == 0x7f)
				m.ctl |= bit;
		}
		m.lines = (unsigned)__builtin_popcountll(m.nl);
		out[b] = m;
	}
}
#endif

#ifdef HAVE_AVX2_PATH
/* Thirty-two bytes at a time where the CPU has AVX2 (checked at run time),
 * with the first-byte set looked up by nibbles (vpshufb). */
struct masks32 {
	uint32_t nl, ctl, high, first;
};

__attribute__((target("avx2"))) static inline struct masks32 masks32(__m256i v, __m256i lo,
								     __m256i hi)
{
	const __m256i nl = _mm256_set1_epi8('\n'), tab = _mm256_set1_epi8('\t');
	const __m256i space = _mm256_set1_epi8(0x20), del = _mm256_set1_epi8(0x7f);
	const __m256i nib = _mm256_set1_epi8(0x0f), zero = _mm256_setzero_si256();
	/* signed: non-ASCII bytes are negative, so below 0x20 too */
	__m256i low = _mm256_or_si256(_mm256_cmpgt_epi8(space, v), _mm256_cmpeq_epi8(v, del));
	__m256i newline = _mm256_cmpeq_epi8(v, nl);
	__m256i not_ctl = _mm256_or_si256(_mm256_or_si256(_mm256_cmpgt_epi8(zero, v), newline),
					  _mm256_cmpeq_epi8(v, tab));
	__m256i in_set = _mm256_and_si256(
	    _mm256_shuffle_epi8(lo, _mm256_and_si256(v, nib)),
	    _mm256_shuffle_epi8(hi, _mm256_and_si256(_mm256_srli_epi16(v, 4), nib)));
	struct masks32 m;

	m.nl = (uint32_t)_mm256_movemask_epi8(newline);
	m.high = (uint32_t)_mm256_movemask_epi8(v);
	m.ctl = (uint32_t)_mm256_movemask_epi8(_mm256_andnot_si256(not_ctl, low));
	m.first = ~(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(in_set, zero));
	return m;
}

__attribute__((target("avx2,popcnt"))) static void
masks_avx2(const char *p, size_t nblocks, const struct nibble_tables *t, struct block_masks *out)
{
	const __m256i lo = _mm256_broadcastsi128_si256(_mm_loadu_si128((const void *)t->lo));
	const __m256i hi = _mm256_broadcastsi128_si256(_mm_loadu_si128((const void *)t->hi));

	for (size_t b = 0; b < nblocks; b++, p += BLOCK) {
		struct masks32 a = masks32(_mm256_loadu_si256((const void *)p), lo, hi);
		struct masks32 z = masks32(_mm256_loadu_si256((const void *)(p + 32)), lo, hi);
		struct block_masks *m = &out[b];

		m->nl = (uint64_t)z.nl << 32 | a.nl;
		m->high = (uint64_t)z.high << 32 | a.high;
		m->ctl = (uint64_t)z.ctl << 32 | a.ctl;
		m->first = t->ok ? (uint64_t)z.first << 32 | a.first : ~(uint64_t)0;
		m->lines = (unsigned)__builtin_popcountll(m->nl);
	}
}
#endif

typedef void masks_fn(const char *p, size_t nblocks, const struct nibble_tables *t,
		      struct block_masks *out);

bool blog_skim_no_avx2;

static masks_fn *pick_masks(void)
{
#ifdef HAVE_AVX2_PATH
	if (!blog_skim_no_avx2 && __builtin_cpu_supports("avx2"))
		return masks_avx2;
#endif
	return masks_sse2;
}

/* Is s[0..n), which holds no control byte, valid UTF-8?  ASCII is passed
 * sixteen bytes at a time. */
static bool utf8_valid(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t k;

		if (c < 0x80) { /* an ASCII run */
			i++;
#if defined(__SSE2__)
			while (n - i >= 16) {
				unsigned m = (unsigned)_mm_movemask_epi8(
				    _mm_loadu_si128((const __m128i *)(const void *)(s + i)));
				if (m) {
					i += (size_t)__builtin_ctz(m);
					break;
				}
				i += 16;
			}
#endif
			continue;
		}
		if (c >= 0xe0 && c <= 0xef && n - i >= 3) {
			/* the common case (box drawing of pip's progress bars),
			 * the checks of log_utf8_len inline: two continuation
			 * bytes, not overlong (E0 needs A0+), not a surrogate (ED
			 * needs below A0) */
			unsigned char c1 = (unsigned char)s[i + 1], c2 = (unsigned char)s[i + 2];
			if ((c1 & 0xc0) != 0x80 || (c2 & 0xc0) != 0x80 ||
			    (c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 >= 0xa0))
				return false;
			/* a bar of one character: the 48 bytes after this one
			 * repeat it, so they are 16 more of it */
			while (n - i >= 51 && memcmp(s + i, s + i + 3, 48) == 0)
				i += 48;
			i += 3;
			continue;
		}
		k = log_utf8_len((const unsigned char *)s + i, n - i);
		if (k == 0)
			return false;
		i += k;
	}
	return true;
}

/* The first words of what matters (log_skim_prefix4) by their first byte,
 * for a quick test: 0 none, ANY when two share a first byte. */
#define ANY_WORD 1u
struct prefixes {
	uint32_t by_first[256];
};

static void prefixes_init(struct prefixes *pf)
{
	uint32_t w[LOG_SKIM_PREFIX4_MAX];
	size_t n = log_skim_prefix4(w);

	memset(pf, 0, sizeof(*pf));
	for (size_t i = 0; i < n; i++) {
		unsigned char c;
		memcpy(&c, &w[i], 1); /* its first byte, whatever the byte order */
		pf->by_first[c] = pf->by_first[c] && pf->by_first[c] != w[i] ? ANY_WORD : w[i];
	}
}

/* Could the line starting at s (the bytes end at end) matter?  Its first
 * four bytes (after a quoted copy's "> ") are compared with those of what
 * a header or a summary line starts with; too few bytes left means maybe. */
static inline bool start_may_matter(const struct sl_buildlog_state *st, const struct prefixes *pf,
				    const char *s, const char *end)
{
	size_t avail = (size_t)(end - s), q;
	uint32_t w, want;

	if (avail < 6)
		return true;
	q = st->quoted == 1 ? log_quote_len(s, avail) : 0;
	if (avail - q < 4 || s[q] == '{')
		return true;
	want = pf->by_first[(unsigned char)s[q]];
	memcpy(&w, s + q, 4);
	return want == ANY_WORD || (want && w == want);
}

/* The line [p, p + n) and its newline, the usual way. */
static void __attribute__((noinline)) skim_slow(struct sl_buildlog *log, const char *p, size_t n)
{
	linesplit_feed(&log->state->split, p, n + 1, blog_plain_line, log);
}

/* The line [p, nl) with its newline at nl; ctl/high: it has such bytes. */
static inline void skim_one(struct sl_buildlog *log, const struct prefixes *pf, const char *p,
			    const char *nl, bool ctl, bool high)
{
	struct sl_buildlog_state *st = log->state;
	size_t n = (size_t)(nl - p);

	if (!st->seen_header || ctl || n > SL_BUILDLOG_LINE_MAX ||
	    (high && !st->warned_utf8 && !utf8_valid(p, n))) {
		skim_slow(log, p, n);
		return;
	}
	/* what blog_plain_line and sl_buildlog_feed_line do, inline: such a
	 * line is as sanitising would leave it, so it is judged as written */
	st->lineno = ++st->split.lineno;
	log->lines++;
	log->skimmed++;
	if (n >= 6 && log_skim_first_byte[(unsigned char)p[0]] && /* what matters is longer */
	    start_may_matter(st, pf, p, nl)) {
		size_t q = st->quoted == 1 ? log_quote_len(p, n) : 0;
		if (log_skim_wanted(p + q, n - q))
			blog_skim_line(log, p, n);
	}
}

/* Lines the count-only path passed over, not yet added to the log. */
static inline void flush_counted(struct sl_buildlog *log, unsigned long *counted)
{
	struct sl_buildlog_state *st = log->state;

	if (!*counted)
		return;
	st->split.lineno += *counted;
	st->lineno = st->split.lineno;
	log->lines += *counted;
	log->skimmed += *counted;
	*counted = 0;
}

void blog_feed_skim(struct sl_buildlog *log, const char *data, size_t len)
{
	struct sl_buildlog_state *st = log->state;
	const char *p = data, *end = data + len, *line;
	struct block_masks masks[BATCH];
	struct nibble_tables tables;
	struct prefixes pf;
	masks_fn *make_masks = pick_masks();
	unsigned long counted = 0;
	/* the open line has control or non-ASCII bytes so far / starts with
	 * words that may matter; slow: one of them, or no header yet */
	bool ctl = false, high = false, open_first = true, slow = true;

	nibble_tables_init(&tables);
	prefixes_init(&pf);
	st->skim = true;
	if (st->split.partial.len) { /* the previous chunk's unfinished line */
		const char *nl = memchr(p, '\n', len);
		const char *stop = nl ? nl + 1 : end;
		linesplit_feed(&st->split, p, (size_t)(stop - p), blog_plain_line, log);
		p = stop;
	}
	line = p;
	while ((size_t)(end - p) >= BLOCK) {
		size_t nblocks = (size_t)(end - p) / BLOCK;
		if (nblocks > BATCH)
			nblocks = BATCH;
		make_masks(p, nblocks, &tables, masks);
		for (size_t b = 0; b < nblocks; b++, p += BLOCK) {
			struct block_masks m = masks[b];

			if (!slow && !(m.ctl | m.high)) {
				/* count only, unless a line starting here with a
				 * byte that may matter has words that may, or the
				 * open line ends here over the length cut */
				uint64_t maybe = (m.nl << 1 | (line == p)) & m.first;
				while (maybe &&
				       !start_may_matter(st, &pf, p + __builtin_ctzll(maybe), end))
					maybe &= maybe - 1;
				if (!m.nl && !maybe)
					continue;
				if (!maybe && (size_t)(p + __builtin_ctzll(m.nl) - line) <=
						  SL_BUILDLOG_LINE_MAX) {
					counted += m.lines;
					line = p + 64 - __builtin_clzll(m.nl);
					continue;
				}
			}
			flush_counted(log, &counted);
			if (line == p) /* the open line starts in this block */
				open_first = (m.first & 1) && start_may_matter(st, &pf, p, end);
			while (m.nl) {
				unsigned j = (unsigned)__builtin_ctzll(m.nl);
				uint64_t upto = j == 63 ? ~(uint64_t)0 : ((uint64_t)2 << j) - 1;
				ctl |= (m.ctl & upto) != 0;
				high |= (m.high & upto) != 0;
				m.ctl &= ~upto;
				m.high &= ~upto;
				skim_one(log, &pf, line, p + j, ctl, high);
				line = p + j + 1;
				ctl = high = false;
				open_first = j < 63 && (m.first >> (j + 1) & 1) &&
					     start_may_matter(st, &pf, p + j + 1, end);
				m.nl &= m.nl - 1;
			}
			ctl |= m.ctl != 0;
			high |= m.high != 0;
			slow = ctl || high || open_first || !st->seen_header;
		}
	}
	flush_counted(log, &counted);
	/* the last bytes, and an unfinished line, the usual way */
	if (line < end)
		linesplit_feed(&st->split, line, (size_t)(end - line), blog_plain_line, log);
	st->skim = false;
}
