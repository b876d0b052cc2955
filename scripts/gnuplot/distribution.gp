# SPDX-License-Identifier: GPL-2.0
#
# The samples of every variant of one case as box plots: the box spans the quartiles, the line
# in it is the median, whiskers reach 1.5 IQR, points beyond are drawn.
# Set by hookcost report: datafile (columns: "label" value), nboxes (distinct labels),
# plottitle, xlab, ylab.
set title plottitle noenhanced
set xlabel xlab noenhanced
set ylabel ylab noenhanced
set style fill solid 0.3 border -1
set style boxplot outliers pointtype 7 sorted
set pointsize 0.5
set style data boxplot
set boxwidth 0.5
set xtics rotate by 30 right nomirror noenhanced
set ytics nomirror
set grid ytics
set border 3
unset key
# gnuplot 5.4 cannot autoscale x over boxplot factors ("x range is invalid").
set xrange [0.5:nboxes + 0.5]
plot datafile using (1):2:(0.5):1 lc rgb '#3465a4'
