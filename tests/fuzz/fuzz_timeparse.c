/*
 * fuzz_timeparse.c - libFuzzer target for the ISO-8601 parser
 * (store/timeparse.h), which reads every TEXT time of an event store and
 * the --since/--until options.
 *
 * Two modes, chosen by the first byte:
 *   - text: the rest is parsed as it is.  Whatever it is, no crash; an
 *     accepted time lies within the years the parser promises (0000-9999,
 *     give or take a day of zone offset) and, formatted with
 *     timeparse_format, parses back to the same instant.
 *   - built: the bytes choose the fields of a well-formed time (date only,
 *     or with minutes, seconds, a fraction of any length, a leap second, a
 *     zone written each accepted way); the text is built from them and the
 *     parser must accept it and agree with an instant computed here,
 *     independently, by counting days (not by the parser's formula).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/timeparse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MS_PER_DAY INT64_C(86400000)

static bool
fuzz_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
fuzz_month_days(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31};

	return m == 2 && fuzz_leap(y) ? 29 : days[m - 1];
}

/* Days from 1970-01-01 to y-m-d, y in 0..9999, by counting: whole years
 * (leap years in [0, y) counted directly), then whole months. */
static int64_t
fuzz_days(int y, int m, int d)
{
	/* leap years among 0 .. y-1 (year 0 is a leap year) */
	int64_t leaps = y == 0 ? 0 : (y - 1) / 4 - (y - 1) / 100 + (y - 1) / 400 + 1;
	int64_t days = (int64_t)y * 365 + leaps;

	for (int i = 1; i < m; i++)
		days += fuzz_month_days(y, i);
	days += d - 1;
	/* the same count for 1970-01-01 */
	return days - (1970 * 365 + (1969 / 4 - 1969 / 100 + 1969 / 400 + 1));
}

/* A byte source that gives zeros once the input is used up. */
struct fuzz_bytes {
	const uint8_t *p;
	size_t n;
};

static unsigned
fuzz_take(struct fuzz_bytes *b)
{
	if (b->n == 0)
		return 0;
	b->n--;
	return *b->p++;
}

static unsigned
fuzz_take16(struct fuzz_bytes *b)
{
	unsigned hi = fuzz_take(b);

	return hi << 8 | fuzz_take(b);
}

static void
fuzz_text_mode(const uint8_t *data, size_t size)
{
	int64_t ms, again;
	char *cause = NULL, out[64];
	const int64_t lo = fuzz_days(0, 1, 1) * MS_PER_DAY - MS_PER_DAY;
	const int64_t hi = (fuzz_days(9999, 12, 31) + 2) * MS_PER_DAY;

	if (timeparse_iso((const char *)data, size, &ms, &cause) != 0) {
		if (cause == NULL)
			abort(); /* a refusal always says why */
		free(cause);
		return;
	}
	if (cause != NULL)
		abort();
	if (ms < lo || ms > hi) {
		fprintf(stderr, "accepted time out of range: %lld\n",
		    (long long)ms);
		abort();
	}
	/* also with a NULL cause */
	if (timeparse_iso((const char *)data, size, &again, NULL) != 0 ||
	    again != ms)
		abort();
	if (ms < fuzz_days(0, 1, 1) * MS_PER_DAY ||
	    ms >= (fuzz_days(9999, 12, 31) + 1) * MS_PER_DAY)
		return; /* the formatted year would not have four digits */
	timeparse_format(ms, out, sizeof out);
	if (timeparse_iso(out, strlen(out), &again, NULL) != 0 || again != ms) {
		fprintf(stderr, "%lld formats as %s, which reads back as %lld\n",
		    (long long)ms, out, (long long)again);
		abort();
	}
}

static void
fuzz_built_mode(const uint8_t *data, size_t size)
{
	struct fuzz_bytes b = {data, size};
	char text[128], frac[32];
	int year, month, day, hour, minute, second = 0, milli = 0;
	unsigned shape, zone, frac_digits, oh, om;
	int64_t expect, got;
	int off_min = 0;
	size_t n;
	char *cause = NULL;

	year = (int)(fuzz_take16(&b) % 10000);
	month = (int)(fuzz_take(&b) % 12) + 1;
	day = (int)(fuzz_take(&b) % (unsigned)fuzz_month_days(year, month)) + 1;
	hour = (int)(fuzz_take(&b) % 24);
	minute = (int)(fuzz_take(&b) % 60);
	shape = fuzz_take(&b) % 4; /* date; +HH:MM; +:SS; +:SS.frac */
	zone = fuzz_take(&b) % 6;  /* none Z +HH:MM -HH:MM +HHMM +HH */
	oh = fuzz_take(&b) % 24;
	om = fuzz_take(&b) % 60;
	frac_digits = fuzz_take(&b) % 12 + 1;

	n = (size_t)snprintf(text, sizeof text, "%04d-%02d-%02d", year, month,
	    day);
	if (shape == 0) {
		expect = fuzz_days(year, month, day) * MS_PER_DAY;
		goto check;
	}
	n += (size_t)snprintf(text + n, sizeof text - n, "%c%02d:%02d",
	    fuzz_take(&b) & 1 ? ' ' : 'T', hour, minute);
	if (shape >= 2) {
		second = (int)(fuzz_take(&b) % 61);
		n += (size_t)snprintf(text + n, sizeof text - n, ":%02d",
		    second);
	}
	if (shape == 3) {
		for (unsigned i = 0; i < frac_digits; i++)
			frac[i] = (char)('0' + fuzz_take(&b) % 10);
		frac[frac_digits] = '\0';
		n += (size_t)snprintf(text + n, sizeof text - n, "%c%s",
		    fuzz_take(&b) & 1 ? ',' : '.', frac);
		for (unsigned i = 0; i < 3; i++)
			milli = milli * 10 + (i < frac_digits ? frac[i] - '0' : 0);
	}
	if (second == 60) { /* a leap second keeps its minute */
		second = 59;
		milli = 999;
	}
	switch (zone) {
	case 0:
		break;
	case 1:
		n += (size_t)snprintf(text + n, sizeof text - n, "Z");
		break;
	case 2:
	case 3:
		n += (size_t)snprintf(text + n, sizeof text - n, "%c%02u:%02u",
		    zone == 2 ? '+' : '-', oh, om);
		off_min = (zone == 2 ? 1 : -1) * (int)(oh * 60 + om);
		break;
	case 4:
		n += (size_t)snprintf(text + n, sizeof text - n, "+%02u%02u",
		    oh, om);
		off_min = (int)(oh * 60 + om);
		break;
	default:
		n += (size_t)snprintf(text + n, sizeof text - n, "-%02u", oh);
		off_min = -(int)(oh * 60);
		break;
	}
	expect = fuzz_days(year, month, day) * MS_PER_DAY +
	    ((int64_t)hour * 3600 + minute * 60 + second - off_min * 60) *
		1000 +
	    milli;
check:
	if (timeparse_iso(text, n, &got, &cause) != 0) {
		fprintf(stderr, "refused well-formed \"%s\": %s\n", text,
		    cause);
		abort();
	}
	if (got != expect) {
		fprintf(stderr, "\"%s\": got %lld, expected %lld\n", text,
		    (long long)got, (long long)expect);
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	if (data[0] & 1)
		fuzz_built_mode(data + 1, size - 1);
	else
		fuzz_text_mode(data + 1, size - 1);
	return 0;
}
