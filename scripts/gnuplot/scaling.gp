# SPDX-License-Identifier: GPL-2.0
#
# A parameter sweep: the median per operation against the parameter, one curve per variant,
# with the 95 % CI of each median as error bars.
# Set by hookcost report: datafile (one block per curve, two blank lines apart, each starting
# with a line holding its title; columns: x median lo hi), ncurves, logx, plottitle, xlab, ylab.
set title plottitle noenhanced
set xlabel xlab noenhanced
set ylabel ylab noenhanced
if (logx) set logscale x 2
set ytics nomirror
set xtics nomirror
set grid
set border 3
set key top left noenhanced
plot for [i=0:ncurves-1] datafile index i using 1:2:3:4 with yerrorlines pointtype 7 \
     pointsize 0.7 title columnheader(1)
