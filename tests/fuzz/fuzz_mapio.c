/*
 * fuzz_mapio.c - libFuzzer target: the map loader through validation and
 * back (io/mapio.h, model/validate.h).
 *
 * The loader is the front door for files of unknown origin.  Beyond "no
 * crash, no leak, no hang", each input is held to the format's promises:
 *   - a refusal names the file: the message begins with the name given;
 *   - a map that loads can be validated, and its canonical text
 *     (mapio_save_buffer) loads again, to an equal map (map_equal), which
 *     validates to the same number of errors, warnings and notes;
 *   - saving is canonical: the second save gives the same bytes as the
 *     first.
 * So a loader or saver bug that loses, mangles or misquotes a value shows
 * up as a failed round trip even when nothing crashes.  (The `plain` flag
 * of unknown keys' scalars is compared too: it found the saver writing a
 * quoted "WM-1" plain and a plain "-" quoted, now fixed.)
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/mapio.h"
#include "model/map.h"
#include "model/validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NAME "fuzz.yaml"

static void
fz_counts(const struct map *m, size_t counts[3])
{
	struct diaglist dl = {0, 0, NULL};

	validate_map(m, &dl);
	counts[0] = diaglist_count(&dl, DIAG_ERROR);
	counts[1] = diaglist_count(&dl, DIAG_WARNING);
	counts[2] = diaglist_count(&dl, DIAG_NOTE);
	for (size_t i = 0; i < dl.count; i++)
		if (dl.items[i].message == NULL)
			abort();
	diaglist_free(&dl);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct map *m, *again;
	char *cause = NULL, *text, *text2, *cause2 = NULL;
	size_t len, len2, c1[3], c2[3];

	m = mapio_load_buffer((const char *)data, size, NAME, &cause);
	if (m == NULL) {
		if (cause == NULL || strncmp(cause, NAME, strlen(NAME)) != 0) {
			fprintf(stderr, "refusal without the file name: %s\n",
			    cause != NULL ? cause : "(null)");
			abort();
		}
		free(cause);
		return 0;
	}
	fz_counts(m, c1);
	text = mapio_save_buffer(m, &len);
	if (strlen(text) != len)
		abort(); /* the canonical text has no NUL */
	again = mapio_load_buffer(text, len, "saved.yaml", &cause2);
	if (again == NULL) {
		fprintf(stderr, "the saved text does not load: %s\n--- saved:\n%s",
		    cause2, text);
		abort();
	}
	if (!map_equal(m, again)) {
		fprintf(stderr, "load(save(m)) != m\n--- saved:\n%s", text);
		abort();
	}
	fz_counts(again, c2);
	if (memcmp(c1, c2, sizeof c1) != 0) {
		fprintf(stderr, "validation differs after a round trip: "
		    "%zu/%zu/%zu vs %zu/%zu/%zu\n", c1[0], c1[1], c1[2],
		    c2[0], c2[1], c2[2]);
		abort();
	}
	text2 = mapio_save_buffer(again, &len2);
	if (len2 != len || memcmp(text, text2, len) != 0) {
		fprintf(stderr, "save is not canonical\n--- first:\n%s"
		    "--- second:\n%s", text, text2);
		abort();
	}
	free(text2);
	free(text);
	map_destroy(again);
	map_destroy(m);
	return 0;
}
