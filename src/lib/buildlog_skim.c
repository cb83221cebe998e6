/* buildlog_skim.c: feeding the lines of builds that a later header
 * replaces (buildlog_file.c finds that header before the bulk of the file
 * is read).  Nothing of such a build is kept, so a line only counts (the
 * line numbers), may be a header or a summary line, or may be damaged.
 * Masks of newlines, control bytes and non-ASCII bytes, made 64 bytes at
 * a time (AVX2 where the CPU has it, else SSE2 or plain C), find the lines
 * and tell the clean ones, which are judged as written (their first byte,
 * then their first four bytes); a block where no line that may matter
 * starts or ends only adds its newline count.  With AVX2, UTF-8 is checked
 * a block at a time too, so valid non-ASCII text is as clean as ASCII.
 * Any other line (control bytes, invalid UTF-8 not yet warned about, too
 * long, not after a header) takes the usual way through the line
 * splitter, so the result is the same as feeding the bytes with st->skim
 * set (tests/scripts/log_skim.sh and the buildlog fuzz target check it). */
#include <stdint.h>
#include <string.h>
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define HAVE_AVX2_PATH 1
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "buildlog_private.h"
#include "spacelock/mem.h"
#include "spacelock/textenc.h"

#define BLOCK 64

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

static void nibble_tables_init(struct nibble_tables *t, const bool *first)
{
	int bits = 0;

	memset(t, 0, sizeof(*t));
	for (int h = 0; h < 16; h++) {
		for (int l = 0; l < 16; l++) {
			if (!first[h << 4 | l])
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
 * so non-ASCII bytes (negative) count as below 0x20 too.  The first-byte
 * set is not worked out here: every byte may matter. */
static inline void block_masks_sse2(const char *p, struct block_masks *out)
{
	const __m128i nl = _mm_set1_epi8('\n'), tab = _mm_set1_epi8('\t');
	const __m128i space = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7f);
	struct block_masks m = {0, 0, 0, ~(uint64_t)0, 0};

	for (int q = 0; q < BLOCK; q += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + q));
		__m128i low = _mm_or_si128(_mm_cmplt_epi8(v, space), _mm_cmpeq_epi8(v, del));
		masks_merge(&m, (uint32_t)_mm_movemask_epi8(low), (uint32_t)_mm_movemask_epi8(v),
			    (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl)),
			    (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, tab)), q);
	}
	m.lines = (unsigned)__builtin_popcountll(m.nl);
	*out = m;
}
#else
static inline void block_masks_sse2(const char *p, struct block_masks *out)
{
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
	*out = m;
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

#endif

bool blog_skim_no_avx2;

/* The first words of what matters (log_skim_prefix4) by their first byte,
 * for a quick test: 0 none, ANY when two share a first byte. */
#define ANY_WORD 1u
struct prefixes {
	uint32_t by_first[256];
	const bool *first; /* log_skim_first_byte */
};

static void prefixes_init(struct prefixes *pf, struct sl_buildlog *log)
{
	log_skim_prefixes(log, pf->by_first, ANY_WORD);
	pf->first = log_skim_first_byte(log);
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
	    (high && !st->warned_utf8 && !sl_utf8_valid(p, n))) {
		skim_slow(log, p, n);
		return;
	}
	/* what blog_plain_line and sl_buildlog_feed_line do, inline: such a
	 * line starts as sanitising would leave it (invalid UTF-8 already
	 * warned about only becomes '?', never what matters), so whether it
	 * matters is judged as written */
	st->lineno = ++st->split.lineno;
	log->lines++;
	log->skimmed++;
	if (n >= 6 && pf->first[(unsigned char)p[0]] && /* what matters is longer */
	    start_may_matter(st, pf, p, nl)) {
		size_t q = st->quoted == 1 ? log_quote_len(p, n) : 0;
		/* a line with non-ASCII bytes may hold invalid UTF-8 not warned
		 * about again (warned_utf8): the usual way sanitises it */
		if (log_skim_wanted(log, p + q, n - q)) {
			if (high)
				blog_skim_line(log, p, n);
			else
				blog_skim_wanted(log, p + q, n - q);
		}
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

/* The walk over a chunk's 64-byte blocks. */
struct walk {
	struct sl_buildlog *log;
	const struct prefixes *pf;
	const char *line; /* where the open line starts */
	const char *end;
	unsigned long counted;
	/* the open line has control or non-ASCII bytes so far / starts with
	 * words that may matter; slow: one of them, or no header yet */
	bool ctl, high, open_first, slow;
};

static inline __attribute__((always_inline)) void walk_block(struct walk *w, const char *p,
							     struct block_masks m)
{
	struct sl_buildlog_state *st = w->log->state;

	if (!w->slow && !(m.ctl | m.high)) {
		/* count only, unless a line starting here with a byte that may
		 * matter has words that may, or the open line ends here over
		 * the length cut */
		uint64_t maybe = (m.nl << 1 | (w->line == p)) & m.first;
		while (maybe && !start_may_matter(st, w->pf, p + __builtin_ctzll(maybe), w->end))
			maybe &= maybe - 1;
		if (!m.nl && !maybe)
			return;
		if (!maybe &&
		    (size_t)(p + __builtin_ctzll(m.nl) - w->line) <= SL_BUILDLOG_LINE_MAX) {
			w->counted += m.lines;
			w->line = p + 64 - __builtin_clzll(m.nl);
			return;
		}
	}
	flush_counted(w->log, &w->counted);
	if (w->line == p) /* the open line starts in this block */
		w->open_first = (m.first & 1) && start_may_matter(st, w->pf, p, w->end);
	while (m.nl) {
		unsigned j = (unsigned)__builtin_ctzll(m.nl);
		uint64_t upto = j == 63 ? ~(uint64_t)0 : ((uint64_t)2 << j) - 1;
		w->ctl |= (m.ctl & upto) != 0;
		w->high |= (m.high & upto) != 0;
		m.ctl &= ~upto;
		m.high &= ~upto;
		skim_one(w->log, w->pf, w->line, p + j, w->ctl, w->high);
		w->line = p + j + 1;
		w->ctl = w->high = false;
		w->open_first = j < 63 && (m.first >> (j + 1) & 1) &&
				start_may_matter(st, w->pf, p + j + 1, w->end);
		m.nl &= m.nl - 1;
	}
	w->ctl |= m.ctl != 0;
	w->high |= m.high != 0;
	w->slow = w->ctl || w->high || w->open_first || !st->seen_header;
}

/* The whole blocks from p on; returns where they end.  The walk is copied
 * in and out so that its fields can live in registers. */
static const char *walk_sse2(struct walk *out, const char *p)
{
	struct walk w = *out;

	for (; w.end - p >= BLOCK; p += BLOCK) {
		struct block_masks m;
		block_masks_sse2(p, &m);
		walk_block(&w, p, m);
	}
	*out = w;
	return p;
}

#ifdef HAVE_AVX2_PATH
/* UTF-8 checked 32 bytes at a time (the lookup method of Keiser and
 * Lemire, "Validating UTF-8 in less than one instruction per byte", 2021):
 * each byte with the one before it is looked up by nibbles in three tables
 * of the errors the pair can show; a third or fourth byte of a sequence
 * must show exactly "two continuations". */
enum {
	U8_TOO_SHORT = 1 << 0,	    /* lead (or ASCII) then a new lead or ASCII */
	U8_TOO_LONG = 1 << 1,	    /* ASCII then a continuation */
	U8_OVERLONG_3 = 1 << 2,	    /* E0 80..9F */
	U8_TOO_LARGE = 1 << 3,	    /* F4 90..BF, F5+ */
	U8_SURROGATE = 1 << 4,	    /* ED A0..BF */
	U8_OVERLONG_2 = 1 << 5,	    /* C0, C1 */
	U8_TOO_LARGE_1000 = 1 << 6, /* F5+ 80..8F */
	U8_OVERLONG_4 = 1 << 6,	    /* F0 80..8F */
	U8_TWO_CONTS = 1 << 7,	    /* continuation then continuation */
	U8_CARRY = U8_TOO_SHORT | U8_TOO_LONG | U8_TWO_CONTS,
};

static const uint8_t u8_byte1_high[16] = {U8_TOO_LONG,
					  U8_TOO_LONG,
					  U8_TOO_LONG,
					  U8_TOO_LONG,
					  U8_TOO_LONG,
					  U8_TOO_LONG,
					  U8_TOO_LONG,
					  U8_TOO_LONG,
					  U8_TWO_CONTS,
					  U8_TWO_CONTS,
					  U8_TWO_CONTS,
					  U8_TWO_CONTS,
					  U8_TOO_SHORT | U8_OVERLONG_2,
					  U8_TOO_SHORT,
					  U8_TOO_SHORT | U8_OVERLONG_3 | U8_SURROGATE,
					  U8_TOO_SHORT | U8_TOO_LARGE | U8_TOO_LARGE_1000 |
					      U8_OVERLONG_4};
static const uint8_t u8_byte1_low[16] = {U8_CARRY | U8_OVERLONG_3 | U8_OVERLONG_2 | U8_OVERLONG_4,
					 U8_CARRY | U8_OVERLONG_2,
					 U8_CARRY,
					 U8_CARRY,
					 U8_CARRY | U8_TOO_LARGE,
					 U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
					 U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
					 U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
					 U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
					 U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
					 U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
					 U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
					 U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
					 U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000 | U8_SURROGATE,
					 U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
					 U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000};
static const uint8_t u8_byte2_high[16] = {
    U8_TOO_SHORT,
    U8_TOO_SHORT,
    U8_TOO_SHORT,
    U8_TOO_SHORT,
    U8_TOO_SHORT,
    U8_TOO_SHORT,
    U8_TOO_SHORT,
    U8_TOO_SHORT,
    U8_TOO_LONG | U8_OVERLONG_2 | U8_TWO_CONTS | U8_OVERLONG_3 | U8_TOO_LARGE_1000 | U8_OVERLONG_4,
    U8_TOO_LONG | U8_OVERLONG_2 | U8_TWO_CONTS | U8_OVERLONG_3 | U8_TOO_LARGE,
    U8_TOO_LONG | U8_OVERLONG_2 | U8_TWO_CONTS | U8_SURROGATE | U8_TOO_LARGE,
    U8_TOO_LONG | U8_OVERLONG_2 | U8_TWO_CONTS | U8_SURROGATE | U8_TOO_LARGE,
    U8_TOO_SHORT,
    U8_TOO_SHORT,
    U8_TOO_SHORT,
    U8_TOO_SHORT};

struct u8_tables {
	__m256i byte1_high, byte1_low, byte2_high;
};

__attribute__((target("avx2"))) static inline struct u8_tables u8_tables_load(void)
{
	struct u8_tables t;

	t.byte1_high = _mm256_broadcastsi128_si256(_mm_loadu_si128((const void *)u8_byte1_high));
	t.byte1_low = _mm256_broadcastsi128_si256(_mm_loadu_si128((const void *)u8_byte1_low));
	t.byte2_high = _mm256_broadcastsi128_si256(_mm_loadu_si128((const void *)u8_byte2_high));
	return t;
}

/* The errors of the 32 bytes in, prev holding the 32 before them: zero
 * when in (with the end of prev) is valid so far; a sequence left open at
 * the end of in shows in the next call. */
__attribute__((target("avx2"))) static inline __m256i u8_errors(__m256i in, __m256i prev,
								const struct u8_tables *t)
{
	const __m256i nib = _mm256_set1_epi8(0x0f);
	__m256i before = _mm256_permute2x128_si256(prev, in, 0x21);
	__m256i prev1 = _mm256_alignr_epi8(in, before, 15);
	__m256i prev2 = _mm256_alignr_epi8(in, before, 14);
	__m256i prev3 = _mm256_alignr_epi8(in, before, 13);
	__m256i special = _mm256_and_si256(
	    _mm256_and_si256(_mm256_shuffle_epi8(
				 t->byte1_high, _mm256_and_si256(_mm256_srli_epi16(prev1, 4), nib)),
			     _mm256_shuffle_epi8(t->byte1_low, _mm256_and_si256(prev1, nib))),
	    _mm256_shuffle_epi8(t->byte2_high, _mm256_and_si256(_mm256_srli_epi16(in, 4), nib)));
	/* the third and fourth bytes of a sequence: bit 7 set iff prev2 is
	 * E0+ or prev3 is F0+ */
	__m256i must23 = _mm256_or_si256(_mm256_subs_epu8(prev2, _mm256_set1_epi8(0xe0 - 0x80)),
					 _mm256_subs_epu8(prev3, _mm256_set1_epi8(0xf0 - 0x80)));

	return _mm256_xor_si256(_mm256_and_si256(must23, _mm256_set1_epi8((char)0x80)), special);
}

__attribute__((target("avx2"))) bool blog_skim_utf8_check(const char *p, size_t n)
{
	const struct u8_tables t = u8_tables_load();
	__m256i prev = _mm256_setzero_si256(), err = _mm256_setzero_si256();
	char last[32];

	for (; n >= 32; p += 32, n -= 32) {
		__m256i in = _mm256_loadu_si256((const void *)p);
		err = _mm256_or_si256(err, u8_errors(in, prev, &t));
		prev = in;
	}
	memset(last, '\n', sizeof(last));
	memcpy(last, p, n);
	err = _mm256_or_si256(err, u8_errors(_mm256_loadu_si256((const void *)last), prev, &t));
	return _mm256_testz_si256(err, err);
}

__attribute__((target("avx2,popcnt"))) static const char *walk_avx2(struct walk *out, const char *p,
								    const struct nibble_tables *t)
{
	const __m256i lo = _mm256_broadcastsi128_si256(_mm_loadu_si128((const void *)t->lo));
	const __m256i hi = _mm256_broadcastsi128_si256(_mm_loadu_si128((const void *)t->hi));
	const struct u8_tables u8 = u8_tables_load();
	__m256i prev = _mm256_setzero_si256(); /* the walk starts at a line start */
	bool prev_high = false;
	struct walk w = *out;

	for (; w.end - p >= BLOCK; p += BLOCK) {
		__m256i va = _mm256_loadu_si256((const void *)p);
		__m256i vz = _mm256_loadu_si256((const void *)(p + 32));
		struct masks32 a = masks32(va, lo, hi), z = masks32(vz, lo, hi);
		struct block_masks m;

		m.nl = (uint64_t)z.nl << 32 | a.nl;
		m.high = (uint64_t)z.high << 32 | a.high;
		m.ctl = (uint64_t)z.ctl << 32 | a.ctl;
		m.first = (uint64_t)z.first << 32 | a.first;
		m.lines = (unsigned)__builtin_popcountll(m.nl);
		if (m.high || prev_high) {
			/* valid UTF-8 (with what came before): its non-ASCII
			 * bytes are kept as they are, so the block is as clean
			 * as ASCII; else the lines are checked one by one, the
			 * open line too */
			__m256i err =
			    _mm256_or_si256(u8_errors(va, prev, &u8), u8_errors(vz, va, &u8));
			prev_high = m.high != 0;
			if (_mm256_testz_si256(err, err))
				m.high = 0;
			else
				w.high = true;
		}
		prev = vz;
		walk_block(&w, p, m);
	}
	*out = w;
	return p;
}
#endif

/* The lookup tables the walk needs, made once per log. */
struct skim_tables {
	struct nibble_tables nib;
	struct prefixes pf;
};

static const struct skim_tables *skim_tables(struct sl_buildlog *log)
{
	struct skim_tables *t = log->state->skim_tables;

	if (!t) {
		t = sl_xmalloc(sizeof(*t));
		nibble_tables_init(&t->nib, log_skim_first_byte(log));
		prefixes_init(&t->pf, log);
		log->state->skim_tables = t;
	}
	return t;
}

void blog_feed_skim(struct sl_buildlog *log, const char *data, size_t len)
{
	struct sl_buildlog_state *st = log->state;
	const char *p = data, *end = data + len;
	const struct skim_tables *t = skim_tables(log);
	struct walk w = {.log = log, .pf = &t->pf, .end = end, .open_first = true, .slow = true};

	st->skim = true;
	if (st->split.partial.len) { /* the previous chunk's unfinished line */
		const char *nl = memchr(p, '\n', len);
		const char *stop = nl ? nl + 1 : end;
		linesplit_feed(&st->split, p, (size_t)(stop - p), blog_plain_line, log);
		p = stop;
	}
	w.line = p;
#ifdef HAVE_AVX2_PATH
	if (t->nib.ok && !blog_skim_no_avx2 && __builtin_cpu_supports("avx2"))
		p = walk_avx2(&w, p, &t->nib);
	else
#endif
		p = walk_sse2(&w, p);
	flush_counted(log, &w.counted);
	/* the last bytes, and an unfinished line, the usual way */
	if (w.line < end)
		linesplit_feed(&st->split, w.line, (size_t)(end - w.line), blog_plain_line, log);
	st->skim = false;
}
