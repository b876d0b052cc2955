#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Without root the system suite cannot create or join cgroups: it must say which
# configurations it cannot reach and why, measure the rest, and leave no cgroup behind.
. "$(dirname "$0")/lib/tap.sh"

[ "$(id -u)" = 0 ] || skip_all "needs root (to drop to nobody for the test)"
command -v setpriv >/dev/null || skip_all "needs setpriv (util-linux) to run as nobody"

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp "$HOOKCOST" "$dir/hookcost"
chmod 755 "$dir" "$dir/hookcost"
chown nobody "$dir"

plan 5
setpriv --reuid=nobody --regid=nogroup --clear-groups "$dir/hookcost" run \
	--case sys.pipe_create --backend tsc -n 3 -w 0 -q -o "$dir/r.json" 2>"$dir/err"
ok $? "run --case sys.pipe_create as nobody succeeds"
json_check "$dir/r.json" 'd["complete"] is True'
ok $? "the result is complete"
json_check "$dir/r.json" 'sum("skipped" not in r for r in d["results"]) >= 1'
ok $? "the configuration the kernel is in is measured"
json_check "$dir/r.json" 'any("root" in r.get("skipped", "") for r in d["results"])'
ok $? "configurations that need cgroups are skipped, and the reason names root"
ok $([ -z "$(ls -d /sys/fs/cgroup/memory/hookcost* /sys/fs/cgroup/hookcost* 2>/dev/null)" ] &&
	echo 0 || echo 1) "no hookcost cgroup left"
exit $((tap_failed > 0))
