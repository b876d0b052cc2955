#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# data/hookcost-result.schema.json describes what `hookcost run` writes and what compare and
# report read: a fresh run and the test fixtures validate against it (python3-jsonschema), and
# compare reads the fresh run back.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib/tap.sh

need_jsonschema
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

validate() {
	"$py" - "$@" <<'PY'
import json, sys
import jsonschema

schema = json.load(open("data/hookcost-result.schema.json"))
jsonschema.Draft202012Validator.check_schema(schema)
bad = 0
for path in sys.argv[1:]:
    for e in jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(path))):
        print("# %s: %s: %s" % (path, "/".join(map(str, e.path)), e.message[:200]))
        bad += 1
sys.exit(1 if bad else 0)
PY
}

plan 4

validate tests/fixtures/result-*.json
ok $? "the schema is valid draft 2020-12 and the fixtures follow it"

"$HOOKCOST" run --case nop1,nop5 --samples 9 --min-time 0.001 --quiet -o "$tmp/r.json" \
	>/dev/null 2>"$tmp/err"
ok $? "hookcost run writes a result ($(head -c 160 "$tmp/err"))"
validate "$tmp/r.json"
ok $? "a fresh run follows the schema"
"$HOOKCOST" compare "$tmp/r.json" "$tmp/r.json" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 0 ] && grep -q '^nop5 ' "$tmp/out"
ok $? "compare reads a fresh run back ($(head -c 160 "$tmp/err"))"
