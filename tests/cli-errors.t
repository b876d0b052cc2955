#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Bad command lines, for every command and option: each is refused with exactly one line on
# stderr (what the user typed escaped in it) and exit status 2, writes nothing (no output, tmp,
# lock or hidden file appears in the working directory or the source tree) and starts nothing.
# "Nothing started" is seen three ways: HOOKCOST_SRC is a fake source tree whose
# scripts/vm-kernel and scripts/vm leave a marker, PATH leads first to qemu, valgrind and
# gnuplot stand-ins that leave one too, and no cgroup or tmpfs entry of the process
# (hookcost-PID-*) nor the workload's cgroup is left. No qemu, kernel or PMU is needed.
. "$(dirname "$0")/lib/tap.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dir=$tmp/cwd src=$tmp/src bin=$tmp/bin io=$tmp/io clean=$tmp/clean
# The working directory and the source tree as every case starts: made once in $clean.
mkdir -p "$clean/cwd/adir.json" "$clean/cwd/report" "$clean/cwd/boots/b1" \
	"$clean/src/scripts/matrices" "$bin" "$io"
echo '{}' >"$clean/cwd/exists.json"
: >"$clean/cwd/empty.json"
echo '{"format": "not-hookcost"}' >"$clean/cwd/other.json"
echo 'not a report' >"$clean/cwd/report/mine.txt"
printf '#!/bin/sh\nexit 0\n' >"$clean/cwd/prog" && chmod +x "$clean/cwd/prog"
printf 'no such matrix key = 1\n' >"$clean/cwd/bad.matrix"
cp "$(dirname "$0")/../scripts/matrices/memcg.matrix" "$clean/src/scripts/matrices/"
# Two result files that compare and report take.
fx=base.json fy=new.json
cp "$(dirname "$0")/fixtures/result-configs.json" "$clean/cwd/$fx"
cp "$(dirname "$0")/fixtures/result-unused.json" "$clean/cwd/$fy"
# What would build, boot, measure or plot leaves a line in $io/started: the fake source tree's
# steps, the programs on PATH, and the command given to `workload`.
mark=$tmp/mark
for step in "$clean/src/scripts/vm-kernel" "$clean/src/scripts/vm" "$bin/qemu-system-x86_64" \
	"$bin/valgrind" "$bin/gnuplot" "$mark"; do
	printf '#!/bin/sh\necho "%s" >>"%s/started"\nexit 1\n' "${step##*/}" "$io" >"$step"
	chmod +x "$step"
done
restore() {
	rm -rf "$dir" "$src"
	cp -a "$clean/cwd" "$dir"
	cp -a "$clean/src" "$src"
}
restore
long=$(printf '%*s' 5000 '' | tr ' ' a)
export HOOKCOST_SRC=$src PATH=$bin:$PATH

# Every file under $dir and $src, hidden ones included, and the workload's cgroup; then what a
# process PID could leave behind it: its cgroups and tmpfs entries. Globs, not find: a case
# costs one fork (hookcost's) and the file runs in seconds.
shopt -s globstar dotglob nullglob
listing() {
	printf -v "$1" '%s\n' "$dir"/** "$src"/** /sys/fs/cgroup/{,memory/}hookcost-workload
}
leftovers() {
	printf -v "$1" '%s ' /sys/fs/cgroup/*/hookcost-"$2"-* /sys/fs/cgroup/hookcost-"$2"-* \
		/dev/shm/hookcost-"$2"-*
}

# expect_usage DESCRIPTION ARGS...: runs hookcost ARGS in $dir and checks the contract.
expect_usage() {
	local what=$1 before after pid rc err left started=()
	shift
	listing before
	(cd "$dir" && exec "$HOOKCOST" "$@") >/dev/null 2>"$io/err" &
	pid=$!
	wait $pid
	rc=$?
	mapfile -t err <"$io/err"
	listing after
	leftovers left "$pid"
	[ -e "$io/started" ] && mapfile -t started <"$io/started" && rm -f "$io/started"
	[ "$rc" = 2 ]
	ok $? "$what: exit status 2 (got $rc)"
	[ ${#err[@]} = 1 ] && [[ ${err[0]} != *[[:cntrl:]]* ]]
	ok $? "$what: one line, no control character (${err[0]:0:160})"
	[ "$before" = "$after" ]
	ok $? "$what: no file written"
	# What a case wrote would make the next ones fail for another reason ("exists").
	[ "$before" = "$after" ] || { diag "$(comm -3 <(echo "$before") <(echo "$after"))"; restore; }
	[ -z "${left// }${started[*]}" ]
	ok $? "$what: nothing started ${started[*]} $left"
}

# expect_each "TEMPLATE" VALUES...: expect_usage for the command line TEMPLATE (words split at
# blanks) with the @ in it replaced by each value in turn.
expect_each() {
	local tpl=$1 words w v args
	read -ra words <<<"$tpl"
	shift
	for v in "$@"; do
		args=()
		for w in "${words[@]}"; do
			args+=("${w/@/"$v"}")
		done
		expect_usage "${tpl/@/\'$v\'}" "${args[@]}"
	done
}

# Every option that takes a number reads it with the one grammar (include/hookcost/number.h,
# tested whole in tests/unit/test_number.c): never nothing, a blank, a '+', hex or nan.
not_a_number=('' ' 5' '+5' '0x10' 'nan')
# What a whole number (a count, a seed, a CPU) is not, on top of that.
not_whole=('1.5' '18446744073709551616')

# --- the command -------------------------------------------------------------------------
expect_usage "no command"
expect_usage "unknown command" frobnicate
expect_usage "empty command" ''
expect_usage "an option for a command" --frobnicate
expect_usage "a command's option first" -o out.json run

# --- what the user typed is quoted escaped: a newline or ESC in it leaves the error one line --
nl=$'\n' esc=$'\e[31m'
expect_usage "a newline in the command" "run${nl}x"
expect_usage "ESC in the command" "run$esc"
expect_usage "a newline in an unknown option" run "--frob${nl}nicate"
expect_usage "run: a newline in --case" run -c "nop1${nl}nop5" -o out.json
expect_usage "run: ESC in --gate" run -c nop1 -g "static$esc" -o out.json
expect_usage "run: a newline in --param" run -c tcp.rr -p "size=1${nl}" -o out.json
expect_usage "run: a newline in --samples" run -c nop1 -n "5${nl}" -o out.json
expect_usage "run: a newline in --margin" run -c nop1 --margin "1${nl}%" -o out.json
expect_usage "run: a newline in --backend" run -c nop1 -b "fake:nop1=${nl}1" -o out.json
expect_usage "run: a newline in -e" run -c nop1 -b perf -e "cycles${nl}x" -o out.json
expect_usage "list: a newline in the suite" list "calib${nl}"
expect_usage "env: ESC in an option" env "--json$esc"
expect_usage "compare: ESC in --format" compare --format "text$esc" "$fx" "$fy"
expect_usage "report: a newline in --metric" report --format text --metric "x${nl}y" "$fx"
expect_usage "vm: a newline in --cgroup" vm --matrix memcg --cgroup "v2${nl}"
expect_usage "vm: a newline in --matrix" vm --matrix "memcg${nl}"
expect_usage "workload: ESC in --config" workload --config "off$esc" -o w.json -- "$mark"

# --- run: every whole-number option, then every decimal one, against the grammar --------
for opt in --samples --warmup --cpu --seed; do
	expect_each "run -c nop1 -o out.json $opt @" "${not_a_number[@]}" "${not_whole[@]}"
done
for opt in --min-time --alpha; do
	expect_each "run -c nop1 -o out.json $opt @" "${not_a_number[@]}"
done
expect_each "run -c nop1 -o out.json --margin @" "${not_a_number[@]}" '%' '-1%' '1%%' '1 %' \
	'=1' 'instructions=' 'instructions=%' 'instructions= 1'
expect_each "run -c tcp.rr -o out.json --param size=@" "${not_a_number[@]}" '-1' '1.5' \
	'1kk' '1 k' '1g' '18014398509481985k' '9223372036854775808'
expect_each "run -c nop1 -o out.json --backend fake:nop1=@" "${not_a_number[@]}" \
	"${not_whole[@]}"
expect_each "run -c nop1 -o out.json --backend fake:@" 'nop1' 'loop=' 'loop=-1' 'fixed=+1' \
	'irq=5:' 'irq=:5' 'irq=5:x' 'mux= 1' 'jitter=1.5' '=5' 'nop1/golden=1' 'drift'
expect_each "run -c nop1 -o out.json --backend valgrind --cache-geometry @" '' ',' \
	'l1i=32K:8,' ',l1i=32K:8' 'l1i=32K:8,,line=64' 'l1i=' 'l1i=32K' 'l1i=32K:' 'l1i=:8' \
	'l1i=0:8' 'l1i=32K:0' 'l1i= 32K:8' 'l1i=+32K:8' 'l1i=-32K:8' 'l1i=32K:+8' 'l1i=32KK:8' \
	'l1i=32G:8' 'l1i=32K:8x' 'l1i=17592186044416M:8' 'l2=32K:8' 'line=' 'line=48' 'line=4' \
	'line= 64' 'line=+64' 'line=0x40' 'l1i=32K:8,l1i=64K:8' 'line=64,line=128' 'L1I=32K:8' \
	'l1i=33K:8' 'l1d=48K:8' 'line=8' 'l1i=64:2' 'll=2048M:16' 'l1i=32K:2147483648'
expect_each "run -c nop1 -o out.json --backend perf -e @" 'r' 'r 5' 'r+5' 'r-1' 'r0x10' 'rxyz' \
	'r10000000000000000' 'cycles,' ',cycles' 'no-such-event'

# --- run: selection ----------------------------------------------------------------------
expect_usage "run: unknown case" run --case no_such_case -o out.json
expect_usage "run: unknown suite" run --suite no_such_suite -o out.json
expect_usage "run: --case ''" run --case '' -o out.json
expect_usage "run: --case with an empty name" run --case nop1, -o out.json
expect_usage "run: --case with an empty name inside" run --case nop1,,nop5 -o out.json
expect_usage "run: --case starting with a comma" run --case ,nop1 -o out.json
expect_usage "run: --suite ''" run --suite '' -o out.json
expect_usage "run: -c without a value" run -c
expect_usage "run: --case without a value" run --case
expect_usage "run: unknown gate" run --case empty --gate golden -o out.json
expect_usage "run: --gate ''" run --case nop1 --gate '' -o out.json
expect_usage "run: --gate with an empty name" run --case nop1 --gate static, -o out.json
expect_usage "run: --gate twice" run --case nop1 --gate static --gate branch -o out.json
expect_usage "run: unknown configuration" run --case nop1 --config on -o out.json
expect_usage "run: --config ''" run --case nop1 --config '' -o out.json
expect_usage "run: --config twice" run --case nop1 --config off --config unused -o out.json
expect_usage "run: -C with an empty name" run --case nop1 -C off,,active -o out.json
expect_usage "run: --param without a value" run --case empty --param size -o out.json
expect_usage "run: --param ''" run --case tcp.rr --param '' -o out.json
expect_usage "run: --param with no values" run --case tcp.rr --param size= -o out.json
expect_usage "run: --param with no name" run --case tcp.rr --param =64 -o out.json
expect_usage "run: unknown parameter" run --case tcp.rr --param bogus=1 -o out.json
expect_usage "run: --param out of range" run --case tcp.rr --param size=0 -o out.json
expect_usage "run: --param twice" run --case tcp.rr -p size=64 -p size=128 -o out.json
expect_usage "run: --param value twice" run --case tcp.rr -p size=64,64 -o out.json
expect_usage "run: --param value twice, spelt differently" run --case tcp.rr -p size=1k,1024 \
	-o out.json
expect_usage "run: --param with an empty value" run --case tcp.rr -p size=64,,128 -o out.json
expect_usage "run: --param with a trailing comma" run --case tcp.rr -p size=64, -o out.json

# --- run: method -------------------------------------------------------------------------
expect_usage "run: --samples 0" run --case empty --samples 0 -o out.json
expect_usage "run: --samples above 100000" run --case empty --samples 100001 -o out.json
expect_usage "run: --warmup above 1000" run --case empty --warmup 1001 -o out.json
expect_usage "run: --min-time 0" run --case empty --min-time 0 -o out.json
expect_usage "run: --min-time above 60" run --case empty --min-time 61 -o out.json
expect_usage "run: --min-time negative" run --case empty --min-time -1 -o out.json
expect_usage "run: --min-time not a number" run --case empty --min-time soon -o out.json
expect_usage "run: --cpu 999" run --case empty --cpu 999 -o out.json
expect_usage "run: --cpu beyond int" run --case empty --cpu 2147483648 -o out.json
expect_usage "run: --seed beyond int64" run --case nop1 --seed 9223372036854775808 -o out.json
expect_usage "run: --alpha 0" run --case nop1 --alpha 0 -o out.json
expect_usage "run: --alpha 0.5" run --case nop1 --alpha 0.5 -o out.json
expect_usage "run: --alpha 1" run --case nop1 --alpha 1 -o out.json
expect_usage "run: --alpha negative" run --case nop1 --alpha -0.05 -o out.json
expect_usage "run: --margin of an empty metric" run --case nop1 --margin =1% -o out.json
expect_usage "run: unknown backend" run --case empty --backend quantum -o out.json
expect_usage "run: --backend ''" run --case empty --backend '' -o out.json
expect_usage "run: --backend fake without a spec" run --case empty --backend fake -o out.json
expect_usage "run: --backend with a spec it does not take" run --case empty --backend tsc:1 \
	-o out.json
expect_usage "run: --backend prefix" run --case empty --backend pe -o out.json
expect_usage "run: bad fake backend spec" run --case empty --backend fake:nop1=lots -o out.json
expect_usage "run: -e with the fake backend" run --case empty --backend fake:nop1=1 -e cycles \
	-o out.json
expect_usage "run: unknown event" run --case empty --backend perf -e no-such-event -o out.json
expect_usage "run: -e ''" run --case nop1 -e '' -o out.json
expect_usage "run: -E ''" run --case nop1 -E '' -o out.json
expect_usage "run: -e and -E" run --case nop1 -e cycles -E task-clock -o out.json
expect_usage "run: -e twice" run --case nop1 -e cycles -e instructions -o out.json
expect_usage "run: --cache-geometry without valgrind" run --case nop1 \
	--cache-geometry l1i=32K:8 -o out.json

# --- run: the system suite's switch commands ----------------------------------------------
expect_usage "run: --on-cmd ''" run --case nop1 --on-cmd '' -o out.json
expect_usage "run: --off-cmd ''" run --case nop1 --off-cmd '' -o out.json
expect_usage "run: --off-cmd without --on-cmd" run --case nop1 --off-cmd true -o out.json

# --- run: the system and kernel suites (cgroups, tmpfs, the module) refuse first too ------
expect_usage "run: sys.tcp_rr size ' 5'" run -c sys.tcp_rr -p 'size= 5' -o out.json
expect_usage "run: sys.tcp_rr size 0" run -c sys.tcp_rr -p size=0 -o out.json
expect_usage "run: sys.tcp_rr size beyond its range" run -c sys.tcp_rr -p size=2m -o out.json
expect_usage "run: sys.pipe_create bystander, -n '+5'" run -c sys.pipe_create -C bystander \
	-n +5 -o out.json
expect_usage "run: sys.tmpfs_create_unlink --margin %" run -c sys.tmpfs_create_unlink \
	--margin % -o out.json
expect_usage "run: the system suite, --min-time ' 1'" run -s system -t ' 1' -o out.json
expect_usage "run: the system suite, unknown gate" run -s system -g golden -o out.json
expect_usage "run: kernel.empty -n 0" run -c kernel.empty -n 0 -o out.json
expect_usage "run: the kernel suite, --seed -1" run -s kernel --seed -1 -o out.json
expect_usage "run: the kernel suite, -w '+1'" run -s kernel -w +1 -o out.json

# --- run: outputs ------------------------------------------------------------------------
expect_usage "run: -o onto an existing file" run --case empty -n 3 -o exists.json
expect_usage "run: -o into a missing directory" run --case empty -o missing/out.json
expect_usage "run: -o onto a directory" run --case empty -o adir.json --force
expect_usage "run: -o ''" run --case nop1 -o ''
expect_usage "run: -o into /proc" run --case nop1 -o /proc/x.json
expect_usage "run: -o with a 5000-byte name" run --case nop1 -o "$long.json"
expect_usage "run: -o into a read-only place" run --case nop1 -o /sys/x.json
expect_usage "run: -o onto a device" run --case nop1 -o /dev/null --force
expect_usage "run: -o without a value" run --case nop1 -o
expect_usage "run: --output without a value" run --case nop1 --output
expect_usage "run: an operand" run --case nop1 -o out.json extra
expect_usage "run: unknown option" run --frobnicate
expect_usage "run: unknown short option" run -Z
expect_usage "run: --force with a value" run --case nop1 --force=yes -o out.json
expect_usage "run: --quiet with a value" run --case nop1 --quiet=1 -o out.json
expect_usage "run: abbreviation of two options" run --case nop1 --on true -o out.json

# --- list and env ------------------------------------------------------------------------
expect_usage "list: unknown suite" list no_such_suite
expect_usage "list: unknown option" list --frobnicate
expect_usage "list: empty suite" list ''
expect_usage "list: two suites" list calib user
expect_usage "list: a case for a suite" list nop1
expect_usage "list: a suite in capitals" list CALIB
expect_usage "list: a suite and --help" list calib --help
expect_usage "env: unknown option" env --frobnicate
expect_usage "env: an operand" env kernel
expect_usage "env: --json with a value" env --json=yes
expect_usage "env: an empty operand" env ''

# --- compare -----------------------------------------------------------------------------
for opt in --alpha --fail-above; do
	expect_each "compare $opt @ $fx $fy" "${not_a_number[@]}"
done
expect_each "compare --margin @ $fx $fy" '%' '-1' '1%%' '=1' 'instructions=' "${not_a_number[@]}"
expect_usage "compare: --alpha 0" compare --alpha 0 "$fx" "$fy"
expect_usage "compare: --alpha 0.3" compare --alpha 0.3 "$fx" "$fy"
expect_usage "compare: --fail-above negative" compare --fail-above -1 "$fx" "$fy"
expect_usage "compare: --fail-above beyond 1e9" compare --fail-above 2e9 "$fx" "$fy"
expect_usage "compare: unknown format" compare --format html "$fx" "$fy"
expect_usage "compare: --format ''" compare --format '' "$fx" "$fy"
expect_usage "compare: unknown metric" compare --metric no-such-metric "$fx" "$fy"
expect_usage "compare: --metric ''" compare --metric '' "$fx" "$fy"
expect_each "compare --metric @ $fx $fy" 'cycles,' ',cycles' 'cycles,,cycles' 'cycles,cycles' \
	'Cycles' ' cycles'
expect_usage "compare: no file" compare
expect_usage "compare: one file" compare "$fx"
expect_usage "compare: missing file" compare "$fx" missing.json
expect_usage "compare: an empty file" compare "$fx" empty.json
expect_usage "compare: not a result file" compare "$fx" exists.json
expect_usage "compare: another format" compare "$fx" other.json
expect_usage "compare: a directory" compare "$fx" adir.json
expect_usage "compare: an empty name" compare "$fx" ''
expect_usage "compare: nothing after --" compare "$fx" "$fy" --
expect_usage "compare: -- twice" compare "$fx" -- "$fy" -- "$fx"
expect_usage "compare: an option after the files" compare "$fx" "$fy" --alpha 0.01
expect_usage "compare: unknown option" compare --frobnicate "$fx" "$fy"
expect_usage "compare: -a without a value" compare -a

# --- report ------------------------------------------------------------------------------
expect_each "report --format text -a @ $fx" "${not_a_number[@]}" 0 0.6 -0.05
expect_usage "report: -o onto a regular file" report -o exists.json "$fx"
expect_usage "report: -o ''" report -o '' "$fx"
expect_usage "report: no -o" report "$fx"
expect_usage "report: -o into /proc" report -o /proc/r "$fx"
expect_usage "report: -o into /sys" report -o /sys/r "$fx"
expect_usage "report: -o with a 5000-byte name" report -o "$long" "$fx"
expect_usage "report: -o into a directory it did not write" report -o report "$fx"
expect_usage "report: no result file" report -o r2
expect_usage "report: not a result file" report -o r2 exists.json
expect_usage "report: an empty file" report -o r2 empty.json
expect_usage "report: a missing file" report -o r2 missing.json
expect_usage "report: a directory as the file" report -o r2 adir.json
expect_usage "report: unknown format" report --format html -o r2 "$fx"
expect_usage "report: --format ''" report --format '' -o r2 "$fx"
expect_usage "report: unknown metric" report --format text --metric no-such "$fx"
expect_usage "report: --metric ''" report --format text --metric '' "$fx"
expect_each "report --format text --metric @ $fx" 'cycles,' ',cycles' 'cycles,cycles' 'cycles '
expect_usage "report: unknown option" report --frobnicate -o r2 "$fx"
expect_usage "report: --force with a value" report --force=1 -o r2 "$fx"
expect_usage "report: text with no file" report --format text

# --- vm: every whole-number option, then the rest; refused before any build or boot -------
for opt in --samples --warmup --runs --jobs --timeout; do
	expect_each "vm --matrix memcg $opt @" "${not_a_number[@]}" "${not_whole[@]}"
done
expect_usage "vm: --samples 0" vm --matrix memcg --samples 0
expect_usage "vm: --warmup above 1000" vm --matrix memcg --warmup 1001
expect_usage "vm: --runs 0" vm --matrix memcg --runs 0
expect_usage "vm: --jobs 0" vm --matrix memcg --jobs 0
expect_usage "vm: --jobs 65" vm --matrix memcg --jobs 65
expect_usage "vm: --timeout 9" vm --matrix memcg --timeout 9
expect_usage "vm: --timeout above a day" vm --matrix memcg --timeout 86401
expect_usage "vm: -c bogus" vm --matrix memcg -c bogus
expect_usage "vm: -c ''" vm --matrix memcg -c ''
expect_usage "vm: -c with an empty name" vm --matrix memcg -c system,
expect_usage "vm: -o into /proc" vm --matrix memcg -o /proc/x
expect_usage "vm: -o onto a regular file" vm --matrix memcg -o exists.json
expect_usage "vm: -o ''" vm --matrix memcg -o ''
expect_usage "vm: -o with a 5000-byte name" vm --matrix memcg -o "$long"
expect_usage "vm: --hookcost a directory" vm --matrix memcg --hookcost /tmp
expect_usage "vm: --hookcost missing" vm --matrix memcg --hookcost no-such-binary
expect_usage "vm: --hookcost not executable" vm --matrix memcg --hookcost exists.json
expect_usage "vm: --hookcost ''" vm --matrix memcg --hookcost ''
expect_usage "vm: without a matrix" vm
expect_usage "vm: --cgroup v3" vm --matrix memcg --cgroup v3
expect_usage "vm: --cgroup ''" vm --matrix memcg --cgroup ''
expect_usage "vm: --cgroup V2" vm --matrix memcg --cgroup V2
expect_usage "vm: unknown built-in matrix" vm --matrix no-such
expect_usage "vm: --matrix ''" vm --matrix ''
expect_usage "vm: missing matrix file" vm --matrix ./missing.matrix
expect_usage "vm: a matrix file that does not parse" vm --matrix ./bad.matrix
expect_usage "vm: --matrix and --kernel" vm --matrix memcg --kernel off=a --kernel on=b
expect_usage "vm: --matrix and --merge" vm --matrix memcg --merge boots/b1
expect_usage "vm: --matrix and --patch" vm --matrix memcg --patch exists.json
expect_usage "vm: --matrix and --tree" vm --matrix memcg --tree /tmp
expect_usage "vm: one --kernel" vm --kernel off=prog
expect_usage "vm: --kernel and --patch" vm --kernel off=prog --kernel on=prog --patch x
expect_usage "vm: --kernel without a name" vm --kernel prog --kernel on=prog
expect_usage "vm: --kernel with an empty name" vm --kernel =prog --kernel on=prog
expect_usage "vm: three --kernel" vm --kernel a=prog --kernel b=prog --kernel c=prog
expect_usage "vm: --kernel images missing" vm --kernel off=nope1 --kernel on=nope2
expect_usage "vm: --merge without directories" vm --merge
expect_usage "vm: an operand" vm --matrix memcg extra
expect_usage "vm: --check with a value" vm --matrix memcg --check=1
expect_usage "vm: --cache-model without the plugin" vm --matrix memcg --cache-model
expect_usage "vm: unknown option" vm --frobnicate
expect_usage "vm: -n without a value" vm --matrix memcg -n
expect_usage "vm: --patch seventeen times" vm $(printf -- '--patch p%d ' $(seq 17))

# --- workload: refused before the command runs (it would leave the marker) ----------------
for opt in --samples --warmup; do
	expect_each "workload -o w.json $opt @ -- $mark" "${not_a_number[@]}"
done
expect_usage "workload: --samples 0" workload -n 0 -o w.json -- "$mark"
expect_usage "workload: --samples above 100000" workload -n 100001 -o w.json -- "$mark"
expect_usage "workload: --warmup negative" workload -w -1 -o w.json -- "$mark"
expect_usage "workload: unknown configuration" workload --config on -o w.json -- "$mark"
expect_usage "workload: --config ''" workload --config '' -o w.json -- "$mark"
expect_usage "workload: no -o" workload -- "$mark"
expect_usage "workload: no command" workload -o w.json
expect_usage "workload: two commands" workload -o w.json -- "$mark" true
expect_usage "workload: unknown option" workload --frobnicate -o w.json -- "$mark"
expect_usage "workload: -o without a value" workload -o

plan "$tap_n"
exit $((tap_failed > 0))
