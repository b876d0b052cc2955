// SPDX-License-Identifier: GPL-2.0
/*
 * The calibration ops of bench/suites/calib.c as Google Benchmark benchmarks, for
 * scripts/gb-compare: the same inline asm bodies, so both tools time the same instructions.
 * Google Benchmark times its own loop around the body and subtracts nothing.
 */
#include <cstdint>

#include <benchmark/benchmark.h>

static void BM_nop1(benchmark::State &state)
{
	for (auto _ : state)
		__asm__ __volatile__("nop");
}

static void BM_nop5(benchmark::State &state)
{
	for (auto _ : state)
		__asm__ __volatile__("nop; nop; nop; nop; nop");
}

static void BM_add_dep(benchmark::State &state)
{
	uint64_t acc = 0;

	/* Each add needs the previous result: one cycle of latency per op. */
	for (auto _ : state)
		__asm__ __volatile__("add $1, %0" : "+r"(acc));
	benchmark::DoNotOptimize(acc);
}

static void __attribute__((noinline)) indirect_target(void)
{
	__asm__ __volatile__("");
}

/* volatile: the pointer is loaded every time, as in calib.c. */
static void (*volatile indirect_fn)(void) = indirect_target;

static void BM_indirect_call(benchmark::State &state)
{
	for (auto _ : state)
		indirect_fn();
}

BENCHMARK(BM_nop1)->Name("nop1");
BENCHMARK(BM_nop5)->Name("nop5");
BENCHMARK(BM_add_dep)->Name("add_dep");
BENCHMARK(BM_indirect_call)->Name("indirect_call");

BENCHMARK_MAIN();
