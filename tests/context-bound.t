#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A result's context is free-form but bounded (data/hookcost-result.schema.json, $defs
# context_*): 64, 32 and 16 keys at its three levels, leaves of at most 4096 characters or
# 256 items. A context past a bound is one line and exit 2; the largest one allowed, every
# leaf different in the two files, is compared (by sorted keys, not pair by pair).
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib/tap.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# with_context OUT PYTHON-EXPRESSION: the fixture with its context replaced by the value.
with_context() {
	/usr/bin/python3 - "$@" <<'PY'
import json, sys
d = json.load(open("tests/fixtures/result-configs.json"))
d["context"] = eval(sys.argv[2])
json.dump(d, open(sys.argv[1], "w"))
PY
}

# refused NAME EXPRESSION MESSAGE: compare exits 2 with one line holding MESSAGE.
refused() {
	with_context "$tmp/$1.json" "$2"
	"$HOOKCOST" compare "$tmp/$1.json" "$tmp/$1.json" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -qF -- "$3" "$tmp/err" &&
		[ ! -s "$tmp/out" ]
	ok $? "$1 refused ($rc: $(head -c 160 "$tmp/err"))"
}

plan 9

refused keys-100k '{"k%d" % i: i for i in range(100000)}' "context: more than 64 keys"
refused keys-65 '{"k%d" % i: i for i in range(65)}' "context: more than 64 keys"
refused level2-33 '{"a": {"k%d" % i: i for i in range(33)}}' "context.a: more than 32 keys"
refused level3-17 '{"a": {"b": {"k%d" % i: i for i in range(17)}}}' "context.a.b: more than 16"
refused depth-4 '{"a": {"b": {"c": {"d": 1}}}}' "context.a.b.c: nested deeper than 3"
refused string '{"a": {"b": "x" * 4097}}' "context.a.b: longer than 4096 characters"
refused items '{"command": ["x"] * 257}' "context.command: more than 256 items"
refused key '{"k" * 65: 1}' "keys must have 1 to 64 characters"

# The largest context allowed: 64 x 32 x 16 leaves, each at its bound in one file and
# different in the other.
with_context "$tmp/a.json" \
	'{"k%d" % i: {"k%d" % j: {"k%d" % k: "a" * 4096 for k in range(16)} for j in range(32)}
	  for i in range(64)}'
with_context "$tmp/b.json" \
	'{"k%d" % i: {"k%d" % j: {"k%d" % k: "b" for k in range(16)} for j in range(32)}
	  for i in range(64)}'
"$HOOKCOST" compare "$tmp/a.json" "$tmp/b.json" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] && grep -q 'k0\.k0\.k0 (aaaa' "$tmp/out" "$tmp/err"
ok $? "the largest context allowed is compared ($rc: $(head -c 160 "$tmp/err"))"
