# SPDX-License-Identifier: GPL-2.0
# A few TAP helpers for the shell tests: plan, ok/not ok with a description, skip_all.
# Sourced; every test gets HOOKCOST (the binary) and BUILD from `make check`.

: "${HOOKCOST:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/build/hookcost}"
tap_n=0
tap_failed=0

plan() { echo "1..$1"; }

skip_all() {
	echo "1..0 # SKIP $*"
	exit 0
}

ok() {
	local cond=$1
	shift
	tap_n=$((tap_n + 1))
	if [ "$cond" = 0 ]; then
		echo "ok $tap_n - $*"
	else
		echo "not ok $tap_n - $*"
		tap_failed=$((tap_failed + 1))
	fi
}

skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n # SKIP $*"
}

# diag TEXT...: a comment line, shown by prove -v and on failure.
# The report draws its figures with gnuplot: a test of it skips where there is none.
need_gnuplot() {
	command -v "${HOOKCOST_GNUPLOT:-gnuplot}" >/dev/null ||
		skip_all "gnuplot is not installed (apt-get install gnuplot-nox)"
}

diag() { printf '# %s\n' "$@"; }

# Exit status of a JSON check written in Python: json_check FILE 'python expression on d'.
json_check() {
	/usr/bin/python3 - "$1" "$2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if eval(sys.argv[2]) else 1)
PY
}

# Sets py to a python3 that has jsonschema, or skips the whole test.
need_jsonschema() {
	py=
	for p in python3 /usr/bin/python3; do
		if "$p" -c 'import jsonschema' 2>/dev/null; then
			py=$p
			return
		fi
	done
	skip_all "no python3 with jsonschema (apt-get install python3-jsonschema)"
}
