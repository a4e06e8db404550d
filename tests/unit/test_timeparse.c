/*
 * test_timeparse.c - ISO-8601 times: every accepted form, every refusal
 * with its message, and formatting back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "store/timeparse.h"

#define DAY_MS (86400LL * 1000)

static int64_t
parse_ok(const char *s)
{
	int64_t ms = 0;
	char *cause = NULL;

	if (timeparse_iso(s, strlen(s), &ms, &cause) != 0)
		fail_msg("'%s' refused: %s", s, cause);
	return ms;
}

static void
parse_bad(const char *s, const char *why)
{
	int64_t ms;
	char *cause = NULL;

	assert_int_equal(timeparse_iso(s, strlen(s), &ms, &cause), -1);
	assert_non_null(cause);
	if (strstr(cause, why) == NULL)
		fail_msg("'%s': message '%s' lacks '%s'", s, cause, why);
	free(cause);
}

static void
test_dates(void **state)
{
	(void)state;
	assert_int_equal(parse_ok("1970-01-01"), 0);
	assert_int_equal(parse_ok("1970-01-02"), DAY_MS);
	assert_int_equal(parse_ok("2026-01-05"), 20458 * DAY_MS);
	assert_int_equal(parse_ok("1969-12-31"), -DAY_MS);
	assert_int_equal(
	    parse_ok("2024-02-29"), parse_ok("2024-03-01") - DAY_MS);
	assert_int_equal(
	    parse_ok("2000-02-29"), parse_ok("2000-03-01") - DAY_MS);
}

static void
test_times_and_zones(void **state)
{
	int64_t base = parse_ok("2026-01-05");

	(void)state;
	assert_int_equal(parse_ok("2026-01-05T10:20"),
	    base + (10 * 3600 + 20 * 60) * 1000LL);
	assert_int_equal(parse_ok("2026-01-05 10:20:30"), base + 37230000LL);
	assert_int_equal(parse_ok("2026-01-05T10:20:30Z"), base + 37230000LL);
	assert_int_equal(parse_ok("2026-01-05T10:20:30z"), base + 37230000LL);
	assert_int_equal(parse_ok("2026-01-05T10:20:30.5Z"), base + 37230500LL);
	assert_int_equal(
	    parse_ok("2026-01-05T10:20:30.123456789Z"), base + 37230123LL);
	assert_int_equal(parse_ok("2026-01-05T10:20:30,25"), base + 37230250LL);
	assert_int_equal(
	    parse_ok("2026-01-05T12:20:30+02:00"), base + 37230000LL);
	assert_int_equal(
	    parse_ok("2026-01-05T12:20:30+0200"), base + 37230000LL);
	assert_int_equal(parse_ok("2026-01-05T12:20:30+02"), base + 37230000LL);
	assert_int_equal(
	    parse_ok("2026-01-05T04:50:30-05:30"), base + 37230000LL);
	assert_int_equal(
	    parse_ok("2026-01-05T00:00:00+01:00"), base - 3600000LL);
	/* a leap second stays inside its minute, after :59 */
	assert_int_equal(
	    parse_ok("2016-12-31T23:59:60Z"), parse_ok("2017-01-01") - 1);
}

static void
test_refusals(void **state)
{
	(void)state;
	parse_bad("", "expected YYYY-MM-DD");
	parse_bad("yesterday", "expected YYYY-MM-DD");
	parse_bad("2026-1-05", "expected YYYY-MM-DD");
	parse_bad("1700000000", "expected YYYY-MM-DD");
	parse_bad("2026-13-01", "month out of range");
	parse_bad("2026-00-10", "month out of range");
	parse_bad("2026-02-29", "day out of range");
	parse_bad("2026-04-31", "day out of range");
	parse_bad("2026-01-05X10:00", "expected 'T' or a space");
	parse_bad("2026-01-05T10", "expected HH:MM");
	parse_bad("2026-01-05T24:00", "hour or minute out of range");
	parse_bad("2026-01-05T10:60", "hour or minute out of range");
	parse_bad("2026-01-05T10:20:61", "second out of range");
	parse_bad("2026-01-05T10:20:3", "two digits of seconds");
	parse_bad("2026-01-05T10:20:30.", "digits after the decimal point");
	parse_bad("2026-01-05T10:20:30+2", "zone offset");
	parse_bad("2026-01-05T10:20:30+24:00", "zone offset out of range");
	parse_bad("2026-01-05T10:20:30+02:0", "offset minutes");
	parse_bad("2026-01-05T10:20:30 UTC", "unexpected characters");
	parse_bad("2026-01-05 ", "expected HH:MM");
	parse_bad("2026-01-05T10:20:30Zjunk", "unexpected characters");
}

static void
test_not_nul_terminated(void **state)
{
	const char buf[] = "2026-01-05T10:20:30Zgarbage";
	int64_t ms;

	(void)state;
	assert_int_equal(timeparse_iso(buf, 20, &ms, NULL), 0);
	assert_int_equal(ms, parse_ok("2026-01-05T10:20:30Z"));
	assert_int_equal(timeparse_iso(buf, 21, &ms, NULL), -1);
}

static void
test_format(void **state)
{
	char out[40];

	(void)state;
	assert_string_equal(
	    timeparse_format(0, out, sizeof out), "1970-01-01T00:00:00Z");
	assert_string_equal(timeparse_format(parse_ok("2026-01-05T10:20:30.5Z"),
	                        out, sizeof out),
	    "2026-01-05T10:20:30.500Z");
	assert_string_equal(
	    timeparse_format(-1, out, sizeof out), "1969-12-31T23:59:59.999Z");
	assert_string_equal(
	    timeparse_format(parse_ok("2024-02-29T23:59:59Z"), out, sizeof out),
	    "2024-02-29T23:59:59Z");
	/* every day for 400 years formats back to itself */
	for (int64_t d = -20000; d < 146097 - 20000; d += 7) {
		int64_t back;

		timeparse_format(d * DAY_MS + 12345, out, sizeof out);
		assert_int_equal(
		    timeparse_iso(out, strlen(out), &back, NULL), 0);
		assert_int_equal(back, d * DAY_MS + 12345);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_dates),
	    cmocka_unit_test(test_times_and_zones),
	    cmocka_unit_test(test_refusals),
	    cmocka_unit_test(test_not_nul_terminated),
	    cmocka_unit_test(test_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
