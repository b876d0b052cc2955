# SPDX-License-Identifier: GPL-2.0
#
# The overhead of each configuration against its base per gate: the Hodges-Lehmann shift as a
# bar, its CI as an error bar; red bars are called overhead or saving.
# Set by hookcost report: datafile (columns: "label" delta lo hi flagged), plottitle,
# xlab, ylab.
set title plottitle noenhanced
set xlabel xlab noenhanced
set ylabel ylab noenhanced
set style fill solid 0.5 border -1
set boxwidth 0.6
set xtics rotate by 30 right nomirror noenhanced
set ytics nomirror
set grid ytics
set xzeroaxis linetype -1
set border 3
set offsets 0.5, 0.5, 0, 0
# Bars start at 0: the axis must show it, whatever the autoscaled range would be.
set yrange [*<0:0<*]
unset key
plot datafile using 0:2:(int($5) ? 0xcc0000 : 0x3465a4):xtic(1) with boxes lc rgb variable, \
     '' using 0:2:3:4 with yerrorbars linecolor rgb '#000000' pointtype 7 pointsize 0.4
