# SPDX-License-Identifier: GPL-2.0
"""The verdict rule of issue 22, applied to the numbers a printed line shows (tests/verdict-rule.t):
the level is 1 - alpha/m for a family of m (1 - 2 alpha/m while |delta| < margin); overhead or
saving iff |delta| >= margin and the interval reaches its level and excludes 0; equivalent iff
|delta| < margin and the interval reaches its level inside (-margin, margin); else inconclusive."""
import sys


class Tally:
    def __init__(self, alpha):
        self.alpha, self.checked, self.bad, self.kinds = alpha, 0, 0, set()

    def unparsed(self, line):
        self.bad += 1
        print("unparsed:", line, file=sys.stderr)

    def line(self, line, kind, d, lo, hi, level, reached, margin, size):
        """One printed verdict: level is the level as printed (text), the rest numbers."""
        within = abs(d) < margin
        want = f"{100 * (1 - (2 if within else 1) * self.alpha / size):.4g}"
        if want != level:
            self.bad += 1
            print(f"level {level} is not {want}:", line, file=sys.stderr)
        if within and reached and -margin < lo and hi < margin:
            rule = "equivalent"
        elif not within and reached and (lo > 0 or hi < 0):
            rule = "overhead" if d > 0 else "saving"
        else:
            rule = "inconclusive"
        self.checked += 1
        self.kinds.add(kind)
        if rule != kind:
            self.bad += 1
            print(f"rule says {rule}:", line, file=sys.stderr)

    def report(self):
        print(self.checked, self.bad, ",".join(sorted(self.kinds)))
