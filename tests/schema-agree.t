#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# data/hookcost-result.schema.json and hookcost's reader say the same thing: a hookcost-result
# /2 and a /1 file, mutated at every key of their first and last result, first comparison and
# top level (deleted, set to null, to strings, numbers, arrays, objects, control characters,
# out-of-range counts) and by the rules between rows (duplicates, a configuration compared
# with itself, n against samples), are judged by python3-jsonschema and by hookcost's loader
# (what compare and report read files with, run by tests/schema/load_check.c). A file the
# schema refuses is refused; a file the schema accepts is refused only for a rule of the
# schema's x-hookcost-rules, named in the message; and every such rule refuses a mutant.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib/tap.sh

need_jsonschema
load_check=${BUILD:-build}/tests/load-check
[ -x "$load_check" ] || skip_all "$load_check is not built (make $load_check)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

plan 4
"$py" - "$load_check" "$tmp" <<'PY'
import copy, json, re, subprocess, sys
import jsonschema

load_check, tmp = sys.argv[1:3]
schema = json.load(open("data/hookcost-result.schema.json"))
rules = set(schema["x-hookcost-rules"]) - {"$comment"}
check = jsonschema.Draft202012Validator(schema)
VALUES = [None, "", "a\u001bb", "\u0085", 0, -1, 1.5, 9.0, 2, 4294967296,
          9223372036854775808, True, [2, 1], {}]
DELETE = object()

def paths(node, path, depth):
    """Locations to mutate: every key, the first item of an array."""
    yield path
    if depth == 0:
        return
    items = node.items() if isinstance(node, dict) else \
        enumerate(node[:1]) if isinstance(node, list) else []
    for k, v in items:
        yield from paths(v, path + [k], depth - 1)

def put(doc, path, value):
    d = copy.deepcopy(doc)
    node = d
    for k in path[:-1]:
        node = node[k]
    if value is DELETE:
        if isinstance(node, dict):
            del node[path[-1]]
        else:
            node.pop(path[-1])
    else:
        node[path[-1]] = value
    return d

def mutants(doc):
    roots = [["results", 0]]
    if doc["schema"] == "hookcost-result/2":
        roots.append(["results", len(doc["results"]) - 1])
    if doc.get("comparisons"):
        roots.append(["comparisons", 0])
    where = [[k] for k in doc if k not in ("results", "comparisons")]
    where += [["context", k] for k in doc["context"]]
    for r in roots:
        node = doc
        for k in r:
            node = node[k]
        where += list(paths(node, r, 4))[1:]
    for p in where:
        for v in VALUES + [DELETE]:
            yield put(doc, p, v)
    # The rules between rows.
    res, cmps = doc["results"], doc.get("comparisons", [])
    yield put(doc, ["results", 1], copy.deepcopy(res[0]))
    yield put(doc, ["results", 1, "params"], {"size": 64.0, **res[0].get("params", {})})
    if cmps:
        yield put(doc, ["comparisons", 1], copy.deepcopy(cmps[0]))
        yield put(doc, ["comparisons", 0, "other"], cmps[0]["base"])
        yield put(doc, ["comparisons", 0, "case"], "nowhere")
        yield put(doc, ["comparisons", 0, "metric"], "nowhere")
        yield put(doc, ["comparisons", 0, "ci"], [2, 1])
        if "n" in cmps[0]:
            yield put(doc, ["comparisons", 0, "n"], [cmps[0]["n"][0], cmps[0]["n"][1] + 1])
            yield put(doc, ["comparisons", 0, "paired"], not cmps[0]["paired"])
    m = next(iter(res[0]["metrics"]))
    yield put(doc, ["results", 0, "metrics", m, "values"], res[0]["metrics"][m]["values"][1:])
    many = {m: res[0]["metrics"][m]}
    many.update({"m%d" % i: res[0]["metrics"][m] for i in range(11)})
    d = put(doc, ["results", 0, "metrics"], many)
    d["results"][1]["metrics"]["m11"] = res[0]["metrics"][m]
    d["results"][1]["metrics"]["m12"] = res[0]["metrics"][m]
    yield d

def hookcost_judge(docs):
    """(exit code, message) of the loader for each document."""
    files = []
    for i, doc in enumerate(docs):
        files.append("%s/m%d.json" % (tmp, i))
        with open(files[-1], "w") as f:
            json.dump(doc, f)
    p = subprocess.run([load_check] + files, capture_output=True, text=True, check=True)
    lines = p.stdout.splitlines()
    assert len(lines) == len(docs), p.stdout[-300:]
    return [(int(l.split(" ", 1)[0]), l.partition(" ")[2]) for l in lines]

n = accepted_bad = unstated = 0
seen = set()
fixtures = ("tests/fixtures/result-v2.json", "tests/fixtures/result-configs.json")
bases = [json.load(open(f)) for f in fixtures]
valid = all(check.is_valid(b) for b in bases) and hookcost_judge(bases) == [(0, "")] * 2
print("%sok 1 - both fixtures valid to both" % ("" if valid else "not "))
for base in bases:
    # A short context: it costs the schema's validation most, and has a test of its own.
    base["context"] = {k: base["context"][k] for k in list(base["context"])[:3] +
                       ["command", "warnings"] if k in base["context"]}
    docs = list(mutants(base))
    for doc, (rc, err) in zip(docs, hookcost_judge(docs)):
        n += 1
        schema_ok = check.is_valid(doc)
        rule = re.search(r"\(([a-z-]+)\)$", err)
        if rc not in (0, 2):
            print("# exit %d: %s" % (rc, err[:300]))
            accepted_bad += 1
        elif not schema_ok and rc != 2:
            accepted_bad += 1
            if accepted_bad <= 5:
                print("# accepted, the schema refuses: %s" %
                      next(check.iter_errors(doc)).message[:200])
        elif schema_ok and rc == 2:
            if rule and rule.group(1) in rules:
                seen.add(rule.group(1))
            else:
                unstated += 1
                if unstated <= 40:
                    print("# refused for a rule the schema does not state: %s" % err[:300])
print("%sok 2 - of %d mutants, none the schema refuses is accepted (%d are)" %
      ("not " if accepted_bad else "", n, accepted_bad))
print("%sok 3 - a mutant the schema accepts is refused only for a rule it states (%d not)" %
      ("not " if unstated else "", unstated))
print("%sok 4 - every rule of x-hookcost-rules refuses a mutant (not: %s)" %
      ("not " if rules - seen else "", ", ".join(sorted(rules - seen)) or "none"))
PY
