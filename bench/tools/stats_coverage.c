// SPDX-License-Identifier: GPL-2.0
/*
 * stats-coverage: what the intervals of bench/analysis/ really cover, and how wide they are on
 * measured data. Driven by scripts/stats-coverage, which writes data/method/coverage.* and
 * data/method/paired-widths.*.
 *
 *   stats-coverage simulate REPS SEED
 *	for every interval type, scenario, n in 5 9 15 31 and level 95 % / 90 %: REPS simulated
 *	samples; prints "interval scenario n alpha claimed hits reps" per line, claimed being the
 *	mean coverage the function said it achieved.
 *   stats-coverage widths
 *	reads "LABEL<TAB>b1,b2,...<TAB>o1,o2,..." lines (samples of two configurations, sample i
 *	of both from round i); prints "LABEL n paired_lo paired_hi unpaired_lo unpaired_hi" with
 *	the paired (one-sample Hodges-Lehmann on the differences) and unpaired (Moses) 95 %
 *	intervals of other - base.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>

#include "base/error.h"
#include "analysis/equivalence.h"
#include "analysis/hl_one.h"
#include "analysis/median_ci.h"
#include "analysis/stats.h"

#define MAX_N 31
#define MAX_LINE (1 << 20)
#define MAX_VALUES 4096
/* The shift between the two configurations in the paired and two-sample scenarios. */
#define SHIFT 1.0
/* The drift scenario's round effect rises linearly by this much (in noise sds) over a run. */
#define DRIFT 4.0

enum scenario { NORMAL, LOGNORMAL, T2, CAUCHY, DRIFTING, NR_SCENARIOS };

static const char *const scenario_names[] = {
	"normal", "lognormal", "t2", "cauchy", "drift",
};

static double noise(gsl_rng *rng, enum scenario s)
{
	switch (s) {
	case LOGNORMAL:
		return gsl_ran_lognormal(rng, 0.0, 1.0);
	case T2:
		return gsl_ran_tdist(rng, 2.0);
	case CAUCHY:
		return gsl_ran_cauchy(rng, 1.0);
	default:
		return gsl_ran_gaussian(rng, 1.0);
	}
}

static double noise_cdf(enum scenario s, double x)
{
	switch (s) {
	case LOGNORMAL:
		return gsl_cdf_lognormal_P(x, 0.0, 1.0);
	case T2:
		return gsl_cdf_tdist_P(x, 2.0);
	case CAUCHY:
		return gsl_cdf_cauchy_P(x, 1.0);
	default:
		return gsl_cdf_ugaussian_P(x);
	}
}

static double round_effect(enum scenario s, size_t i, size_t n)
{
	return s == DRIFTING && n > 1 ? DRIFT * (double)i / (double)(n - 1) : 0.0;
}

/*
 * The median a sample of n rounds estimates: of the mixture of the rounds' distributions,
 * where the mean probability below it is 1/2 (with drift, the rounds are not identically
 * distributed). Bisection: the mean cdf is increasing.
 */
static double true_median(enum scenario s, size_t n)
{
	double lo = -100.0, hi = 100.0;

	for (int it = 0; it < 200; it++) {
		double mid = (lo + hi) / 2.0, p = 0.0;

		for (size_t i = 0; i < n; i++)
			p += noise_cdf(s, mid - round_effect(s, i, n));
		if (p / (double)n < 0.5)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2.0;
}

struct tally {
	double claimed;
	unsigned long hits;
};

static void count(struct tally *t, const struct hc_ci *ci, double target)
{
	t->claimed += ci->coverage;
	t->hits += ci->lo <= target && target <= ci->hi;
}

/* One sample of each kind: base and other share the round effect; other is shifted. */
static int one_rep(gsl_rng *rng, enum scenario s, size_t n, double alpha, double median,
		   struct tally t[3])
{
	double base[MAX_N], other[MAX_N], d[MAX_N], sorted[MAX_N], est;
	struct hc_shift sh;
	struct hc_ci ci;

	for (size_t i = 0; i < n; i++) {
		double r = round_effect(s, i, n);

		base[i] = r + noise(rng, s);
		other[i] = r + SHIFT + noise(rng, s);
		d[i] = other[i] - base[i];
		sorted[i] = base[i];
	}
	gsl_sort(sorted, 1, n);
	if (hc_median_ci_sorted(sorted, n, alpha, &ci))
		return -1;
	count(&t[0], &ci, median);
	if (hc_hl_one(d, n, alpha, &est, &ci))
		return -1;
	count(&t[1], &ci, SHIFT);
	if (hc_compare(base, n, other, n, alpha, &sh))
		return -1;
	ci = (struct hc_ci){ sh.ci_lo, sh.ci_hi, sh.ci_coverage };
	count(&t[2], &ci, SHIFT);
	return 0;
}

static int simulate(unsigned long reps, unsigned long seed)
{
	static const char *const names[] = { "median", "hl_paired", "moses_unpaired" };
	static const size_t ns[] = { 5, 9, 15, 31 };
	static const double alphas[] = { 0.05, 0.10 };
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);

	if (!rng)
		return hc_err("cannot allocate a random number generator");
	gsl_rng_set(rng, seed);
	for (int s = 0; s < NR_SCENARIOS; s++) {
		for (size_t k = 0; k < sizeof(ns) / sizeof(ns[0]); k++) {
			double median = true_median(s, ns[k]);

			for (size_t a = 0; a < sizeof(alphas) / sizeof(alphas[0]); a++) {
				struct tally t[3] = { 0 };

				for (unsigned long r = 0; r < reps; r++)
					if (one_rep(rng, s, ns[k], alphas[a], median, t))
						goto fail;
				for (int i = 0; i < 3; i++)
					printf("%s %s %zu %g %.6f %lu %lu\n", names[i],
					       scenario_names[s], ns[k], alphas[a],
					       t[i].claimed / (double)reps, t[i].hits, reps);
			}
		}
	}
	gsl_rng_free(rng);
	return 0;
fail:
	gsl_rng_free(rng);
	return -1;
}

/* Comma-separated numbers into v; returns how many, or -1 if malformed. */
static long parse_values(char *s, double *v)
{
	long n = 0;

	for (char *tok = strtok(s, ","); tok; tok = strtok(NULL, ",")) {
		char *end;

		if (n == MAX_VALUES)
			return -1;
		v[n] = strtod(tok, &end);
		if (end == tok || (*end && *end != '\n'))
			return -1;
		n++;
	}
	return n;
}

static int width_line(char *line, double *b, double *o, double *d)
{
	char *label = line, *bs = strchr(line, '\t'), *os;
	struct hc_shift sh;
	struct hc_ci ci;
	long nb, no;
	double est;

	if (!bs || !(os = strchr(bs + 1, '\t')))
		return hc_err("widths: expected LABEL<TAB>BASE<TAB>OTHER, got %.40s", line);
	*bs++ = '\0';
	*os++ = '\0';
	nb = parse_values(bs, b);
	no = parse_values(os, o);
	if (nb < 1 || nb != no)
		return hc_err("widths: %s: two lists of equally many numbers needed", label);
	for (long i = 0; i < nb; i++)
		d[i] = o[i] - b[i];
	if (hc_hl_one(d, nb, HC_ALPHA_DEFAULT, &est, &ci) ||
	    hc_compare(b, nb, o, nb, HC_ALPHA_DEFAULT, &sh))
		return -1;
	printf("%s\t%ld\t%.17g\t%.17g\t%.17g\t%.17g\n", label, nb, ci.lo, ci.hi, sh.ci_lo,
	       sh.ci_hi);
	return 0;
}

static int widths(void)
{
	double *v = malloc(3 * MAX_VALUES * sizeof(*v));
	char *line = malloc(MAX_LINE);
	int ret = 0;

	if (!v || !line) {
		free(v);
		free(line);
		return hc_err("out of memory");
	}
	while (!ret && fgets(line, MAX_LINE, stdin))
		ret = width_line(line, v, v + MAX_VALUES, v + 2 * MAX_VALUES);
	free(v);
	free(line);
	return ret;
}

int main(int argc, char **argv)
{
	int ret;

	if (argc == 4 && !strcmp(argv[1], "simulate") && atol(argv[2]) > 0)
		ret = simulate(strtoul(argv[2], NULL, 10), strtoul(argv[3], NULL, 10));
	else if (argc == 2 && !strcmp(argv[1], "widths"))
		ret = widths();
	else {
		fprintf(stderr, "usage: stats-coverage simulate REPS SEED | widths\n");
		return 2;
	}
	if (ret)
		fprintf(stderr, "stats-coverage: %s\n", hc_err_msg());
	return ret ? 1 : 0;
}
