# SPDX-License-Identifier: GPL-2.0
#
# "Is it free when unused?" for every case of a run at a glance: unused - off as a percentage
# of off, a row per case and gate (colour: the gate), the 95 % CI as a horizontal error bar,
# the equivalence margin as a grey band around 0 where the analysis set one.
# Set by hookcost report: datafile (columns: "label" gate-index delta lo hi margin, all in %
# of off or in instructions, margin NaN where none), gates (every gate's name, space-separated,
# in gate-index order), shown (the gate indices present), nrows, hasmargin, plottitle, xlab.
array gcolor[5] = ["#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#8c8c8c"]
set title plottitle noenhanced
set xlabel xlab noenhanced
set ytics nomirror noenhanced scale 0
set xtics nomirror
set yrange [nrows - 0.5:-0.5]
set grid xtics
set border 3
# At most three entries a row: a fifth gate entry ran off the right edge.
set key outside top center horizontal maxcols 3 noenhanced samplen 1
set style fill solid 1.0 noborder
set arrow from 0, graph 0 to 0, graph 1 nohead linecolor rgb "#000000" dashtype 2
plot datafile using (0):0:($6):(0.4):ytic(1) with boxxyerror linecolor rgb "#dddddd" \
	title (hasmargin ? "equivalence margin" : ""), \
     for [g in shown] datafile using ($2 == int(g) ? $3 : NaN):0:4:5 with xerrorbars \
	pointtype 7 pointsize 0.6 linecolor rgb gcolor[int(g) + 1] title word(gates, int(g) + 1)
