# SPDX-License-Identifier: GPL-2.0
#
# One case: a panel per gate (small multiples), in each the configurations as adjacent bars in
# their fixed colours (the same in every figure), a group of bars per parameter value, the
# 95 % CI of each median as an error bar, one legend for all panels.
# Set by hookcost report: datafile (one block per gate, two blank lines apart; columns:
# "group" then median lo hi for off, unused, bystander and active, NaN where not measured),
# gates (the panels' titles, space-separated), cfgs (the configurations present, as indices
# 0-3), logy, ymin and ymax (the lowest and highest value with its CI, over all panels),
# plottitle, xlab, ylab.
array cname[4] = ["off", "unused", "bystander", "active"]
array ccolor[4] = ["#8c8c8c", "#4e79a7", "#f28e2b", "#d62728"]
ngates = words(gates)
set style data histograms
set style histogram errorbars gap 1 linewidth 1
set style fill solid 0.9 border rgb "#333333"
set boxwidth 0.9
set grid ytics
set ytics nomirror
set xtics nomirror noenhanced scale 0
set border 3
set xlabel xlab noenhanced
if (logy) {
	set logscale y 10
	set format y "%.0s%c"
	set yrange [ymin / 1.5:ymax * 1.5]
} else {
	set yrange [(ymin < 0 ? ymin * 1.1 : 0):(ymax > 0 ? ymax * 1.08 : 1)]
}
# The panels side by side above a strip that holds the one legend, as wide as the figure.
set multiplot title plottitle noenhanced
unset key
do for [g = 1:ngates] {
	set origin (g - 1.0) / ngates, 0.1
	set size 1.0 / ngates, 0.85
	set title (word(gates, g) eq "-" ? "" : word(gates, g)) noenhanced
	if (g == 1) { set ylabel ylab noenhanced } else { unset ylabel }
	plot for [c in cfgs] datafile index (g - 1) \
		using (column(2 + 3 * int(c))):(column(3 + 3 * int(c))):(column(4 + 3 * int(c))):xtic(1) \
		title cname[int(c) + 1] linecolor rgb ccolor[int(c) + 1]
}
set origin 0, 0
set size 1, 0.1
unset title
unset xlabel
unset ylabel
unset logscale
unset border
unset tics
unset grid
set xrange [0:1]
set yrange [0:1]
set key horizontal center center noenhanced samplen 1.5
plot for [c in cfgs] NaN with boxes fillstyle solid 0.9 border rgb "#333333" \
	linecolor rgb ccolor[int(c) + 1] title cname[int(c) + 1]
unset multiplot
