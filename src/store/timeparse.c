/*
 * timeparse.c - a strict ISO-8601 parser and formatter (see timeparse.h).
 *
 * Written by hand rather than with strptime/timegm: those depend on the
 * locale and the C library, accept sloppy input, and know nothing of
 * fractions or "+02:00".  The date arithmetic is the usual days-from-civil
 * formula, exact for the proleptic Gregorian calendar.
 */
#include "store/timeparse.h"

#include <stdbool.h>
#include <stdio.h>

#include "util/xalloc.h"

struct timeparse_cursor {
	const char *s;
	size_t len;
	size_t pos;
};

int64_t
timeparse_days_from_civil(int year, int month, int day)
{
	int64_t y = year, era, yoe, doy, doe;
	int m = month;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
timeparse_civil_from_days(int64_t z, int *year, int *month, int *day)
{
	int64_t era, doe, yoe, y, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*day = (int)(doy - (153 * mp + 2) / 5 + 1);
	*month = (int)(mp < 10 ? mp + 3 : mp - 9);
	*year = (int)(y + (*month <= 2));
}

static int
timeparse_days_in_month(int year, int month)
{
	static const int days[] = {
	    31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	if (month == 2 && leap)
		return 29;
	return days[month - 1];
}

/* Read exactly n digits; -1 if they are not there. */
static int
timeparse_digits(struct timeparse_cursor *c, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (c->pos >= c->len || c->s[c->pos] < '0' ||
		    c->s[c->pos] > '9')
			return -1;
		v = v * 10 + (c->s[c->pos++] - '0');
	}
	return v;
}

static bool
timeparse_take(struct timeparse_cursor *c, char ch)
{
	if (c->pos < c->len && c->s[c->pos] == ch) {
		c->pos++;
		return true;
	}
	return false;
}

static int
timeparse_fail(char **cause, const char *text, size_t len, const char *why)
{
	if (cause != NULL) {
		if (len > 64)
			*cause = xasprintf("\"%.64s...\": %s", text, why);
		else
			*cause = xasprintf("\"%.*s\": %s", (int)len, text, why);
	}
	return -1;
}

int
timeparse_iso(const char *text, size_t len, int64_t *ms, char **cause)
{
	struct timeparse_cursor c = {text, len, 0};
	int year, month, day, hour = 0, minute = 0, second = 0, milli = 0;
	int64_t offset_min = 0;

	if (cause != NULL)
		*cause = NULL;
	if ((year = timeparse_digits(&c, 4)) < 0 || !timeparse_take(&c, '-') ||
	    (month = timeparse_digits(&c, 2)) < 0 || !timeparse_take(&c, '-') ||
	    (day = timeparse_digits(&c, 2)) < 0)
		return timeparse_fail(cause, text, len,
		    "not an ISO-8601 time (expected YYYY-MM-DD)");
	if (month < 1 || month > 12)
		return timeparse_fail(cause, text, len, "month out of range");
	if (day < 1 || day > timeparse_days_in_month(year, month))
		return timeparse_fail(cause, text, len, "day out of range");
	if (c.pos < c.len) {
		if (!timeparse_take(&c, 'T') && !timeparse_take(&c, ' '))
			return timeparse_fail(cause, text, len,
			    "expected 'T' or a space after the date");
		if ((hour = timeparse_digits(&c, 2)) < 0 ||
		    !timeparse_take(&c, ':') ||
		    (minute = timeparse_digits(&c, 2)) < 0)
			return timeparse_fail(
			    cause, text, len, "expected HH:MM after the date");
		if (hour > 23 || minute > 59)
			return timeparse_fail(
			    cause, text, len, "hour or minute out of range");
		if (timeparse_take(&c, ':')) {
			if ((second = timeparse_digits(&c, 2)) < 0)
				return timeparse_fail(cause, text, len,
				    "expected two digits of seconds");
			if (second > 60)
				return timeparse_fail(
				    cause, text, len, "second out of range");
			if (timeparse_take(&c, '.') ||
			    timeparse_take(&c, ',')) {
				int digits = 0;

				while (c.pos < c.len && c.s[c.pos] >= '0' &&
				    c.s[c.pos] <= '9') {
					if (digits < 3)
						milli = milli * 10 +
						    (c.s[c.pos] - '0');
					digits++;
					c.pos++;
				}
				if (digits == 0)
					return timeparse_fail(cause, text, len,
					    "expected digits after the decimal "
					    "point");
				for (; digits < 3; digits++)
					milli *= 10;
			}
			if (second == 60) {
				second = 59;
				milli = 999;
			}
		}
		if (timeparse_take(&c, 'Z') || timeparse_take(&c, 'z')) {
			/* UTC */
		} else if (c.pos < c.len &&
		    (c.s[c.pos] == '+' || c.s[c.pos] == '-')) {
			int sign = c.s[c.pos++] == '-' ? -1 : 1;
			int oh, om = 0;

			if ((oh = timeparse_digits(&c, 2)) < 0)
				return timeparse_fail(cause, text, len,
				    "expected a zone offset as +HH:MM");
			if (c.pos < c.len) {
				bool colon = timeparse_take(&c, ':');

				if ((om = timeparse_digits(&c, 2)) < 0)
					return timeparse_fail(cause, text, len,
					    colon ? "expected offset minutes"
					          : "expected a zone offset as "
					            "+HH:MM");
			}
			if (oh > 23 || om > 59)
				return timeparse_fail(cause, text, len,
				    "zone offset out of range");
			offset_min = sign * (oh * 60 + om);
		}
	}
	if (c.pos != c.len)
		return timeparse_fail(
		    cause, text, len, "unexpected characters after the time");
	*ms = ((timeparse_days_from_civil(year, month, day) * 86400 +
	           hour * 3600 + minute * 60 + second - offset_min * 60) *
	          1000) +
	    milli;
	return 0;
}

char *
timeparse_format(int64_t ms, char *out, size_t size)
{
	int64_t secs = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
	int64_t milli = ms - secs * 1000;
	int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
	int64_t rem = secs - days * 86400;
	int year, month, day;

	timeparse_civil_from_days(days, &year, &month, &day);
	if (milli != 0)
		snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", year,
		    month, day, (int)(rem / 3600), (int)(rem / 60 % 60),
		    (int)(rem % 60), (int)milli);
	else
		snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02dZ", year,
		    month, day, (int)(rem / 3600), (int)(rem / 60 % 60),
		    (int)(rem % 60));
	return out;
}
