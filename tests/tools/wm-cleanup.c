/*
 * wm-cleanup.c - `wm-cleanup PATH...`: what a front end does on opening a
 * map, as far as temporary files go: atomic_cleanup_stale(PATH).  Prints
 * "PATH: N removed" per path.  Used by tests/cli/crash-save.sh as "the
 * next start" after a save was killed.  Exit 0, or 1 if a directory could
 * not be read.
 */
#include <stdio.h>
#include <stdlib.h>

#include "io/atomic-cleanup.h"

int
main(int argc, char **argv)
{
	int status = 0;

	for (int i = 1; i < argc; i++) {
		char *cause = NULL;
		int n = atomic_cleanup_stale(argv[i], &cause);

		if (n < 0) {
			fprintf(stderr, "wm-cleanup: %s\n", cause);
			free(cause);
			status = 1;
		} else {
			printf("%s: %d removed\n", argv[i], n);
		}
	}
	return status;
}
