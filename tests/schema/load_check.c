// SPDX-License-Identifier: GPL-2.0
/*
 * For tests/schema-agree.t: loads each result file named on the command line as compare and
 * report do (hc_run_load) and prints one line per file, "0" when it loads or "2 MESSAGE" with
 * the usage error, so thousands of mutants are judged by one process.
 */
#include <stdio.h>

#include "base/error.h"
#include "output/result_load.h"

int main(int argc, char **argv)
{
	struct hc_run run;
	int i, ret;

	for (i = 1; i < argc; i++) {
		hc_err_clear();
		ret = hc_run_load(argv[i], &run);
		hc_run_free(&run);
		if (ret)
			printf("%d %s\n", hc_err_exit_code(), hc_err_msg());
		else
			printf("0\n");
	}
	return 0;
}
