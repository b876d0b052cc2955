# Written by hookcost report: `gnuplot figures.gp` in this directory redraws the figures.

reset
datafile = 'fig-1-all-tsc-unused-vs-off.dat'
plottitle = 'unused vs off'
xlab = 'unused - off, % of off (TSC ticks/op)'
ylab = ''
gates = 'static branch indirect field no-gate'; shown = '0 1 2 3'; nrows = 52; hasmargin = 0
set terminal pngcairo size 900,910 noenhanced font 'sans,10'
set output 'fig-1-all-tsc-unused-vs-off.png'
load '/work/wt/report/build/../scripts/gnuplot/forest.gp'
unset output
reset
set terminal svg size 900,910 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-all-tsc-unused-vs-off.svg'
load '/work/wt/report/build/../scripts/gnuplot/forest.gp'
unset output

reset
datafile = 'fig-1-slab.optin.alloc_burst-tsc-bars.dat'
plottitle = 'slab.optin.alloc_burst'
xlab = ''
ylab = 'TSC ticks/op'
gates = 'static branch indirect field'; cfgs = '0 1 2 3'; logy = 0; ymin = 49957.8; ymax = 139742
set terminal pngcairo size 752,400 noenhanced font 'sans,10'
set output 'fig-1-slab.optin.alloc_burst-tsc-bars.png'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 752,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-slab.optin.alloc_burst-tsc-bars.svg'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-1-slab.optin.alloc_free-tsc-bars.dat'
plottitle = 'slab.optin.alloc_free'
xlab = ''
ylab = 'TSC ticks/op'
gates = 'static branch indirect field'; cfgs = '0 1 2 3'; logy = 0; ymin = 28.68; ymax = 290.766
set terminal pngcairo size 752,400 noenhanced font 'sans,10'
set output 'fig-1-slab.optin.alloc_free-tsc-bars.png'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 752,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-slab.optin.alloc_free-tsc-bars.svg'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-1-slab.optout.alloc_burst-tsc-bars.dat'
plottitle = 'slab.optout.alloc_burst'
xlab = ''
ylab = 'TSC ticks/op'
gates = 'static branch indirect field'; cfgs = '0 1 2 3'; logy = 0; ymin = 42557.6; ymax = 145430
set terminal pngcairo size 752,400 noenhanced font 'sans,10'
set output 'fig-1-slab.optout.alloc_burst-tsc-bars.png'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 752,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-slab.optout.alloc_burst-tsc-bars.svg'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-1-slab.optout.alloc_free-tsc-bars.dat'
plottitle = 'slab.optout.alloc_free'
xlab = ''
ylab = 'TSC ticks/op'
gates = 'static branch indirect field'; cfgs = '0 1 2 3'; logy = 0; ymin = 9.713; ymax = 263.502
set terminal pngcairo size 752,400 noenhanced font 'sans,10'
set output 'fig-1-slab.optout.alloc_free-tsc-bars.png'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 752,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-slab.optout.alloc_free-tsc-bars.svg'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-1-tcp.recvmsg-tsc-bars.dat'
plottitle = 'tcp.recvmsg'
xlab = 'size'
ylab = 'TSC ticks/op'
gates = 'static branch indirect field'; cfgs = '0 1 2 3'; logy = 0; ymin = 16.8853; ymax = 661.575
set terminal pngcairo size 1400,400 noenhanced font 'sans,10'
set output 'fig-1-tcp.recvmsg-tsc-bars.png'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 1400,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-tcp.recvmsg-tsc-bars.svg'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-1-tcp.rr-tsc-bars.dat'
plottitle = 'tcp.rr'
xlab = 'size'
ylab = 'TSC ticks/op'
gates = 'static branch indirect field'; cfgs = '0 1 2 3'; logy = 0; ymin = 183.443; ymax = 2589.35
set terminal pngcairo size 1400,400 noenhanced font 'sans,10'
set output 'fig-1-tcp.rr-tsc-bars.png'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 1400,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-tcp.rr-tsc-bars.svg'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-1-tcp.sendmsg-tsc-bars.dat'
plottitle = 'tcp.sendmsg'
xlab = 'size'
ylab = 'TSC ticks/op'
gates = 'static branch indirect field'; cfgs = '0 1 2 3'; logy = 0; ymin = 32.4348; ymax = 586.75
set terminal pngcairo size 1400,400 noenhanced font 'sans,10'
set output 'fig-1-tcp.sendmsg-tsc-bars.png'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 1400,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-tcp.sendmsg-tsc-bars.svg'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-1-sys.pipe_create-tsc-bars.dat'
plottitle = 'sys.pipe_create'
xlab = ''
ylab = 'TSC ticks/op'
gates = 'static'; cfgs = '1 2 3'; logy = 0; ymin = 16335.8; ymax = 43662.3
set terminal pngcairo size 560,400 noenhanced font 'sans,10'
set output 'fig-1-sys.pipe_create-tsc-bars.png'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 560,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-sys.pipe_create-tsc-bars.svg'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-1-sys.socket_create-tsc-bars.dat'
plottitle = 'sys.socket_create'
xlab = ''
ylab = 'TSC ticks/op'
gates = 'static'; cfgs = '1 2 3'; logy = 0; ymin = 28648.1; ymax = 47565.9
set terminal pngcairo size 560,400 noenhanced font 'sans,10'
set output 'fig-1-sys.socket_create-tsc-bars.png'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 560,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-sys.socket_create-tsc-bars.svg'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-1-sys.tcp_rr-tsc-bars.dat'
plottitle = 'sys.tcp_rr'
xlab = 'size'
ylab = 'TSC ticks/op'
gates = 'static'; cfgs = '1 2 3'; logy = 0; ymin = 44691.8; ymax = 183895
set terminal pngcairo size 560,400 noenhanced font 'sans,10'
set output 'fig-1-sys.tcp_rr-tsc-bars.png'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 560,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-sys.tcp_rr-tsc-bars.svg'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-1-sys.tcp_stream-tsc-bars.dat'
plottitle = 'sys.tcp_stream'
xlab = ''
ylab = 'TSC ticks/op'
gates = 'static'; cfgs = '1 2 3'; logy = 0; ymin = 121363; ymax = 274736
set terminal pngcairo size 560,400 noenhanced font 'sans,10'
set output 'fig-1-sys.tcp_stream-tsc-bars.png'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 560,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-sys.tcp_stream-tsc-bars.svg'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-1-sys.tmpfs_create_unlink-tsc-bars.dat'
plottitle = 'sys.tmpfs_create_unlink'
xlab = ''
ylab = 'TSC ticks/op'
gates = 'static'; cfgs = '1 2 3'; logy = 0; ymin = 69873.4; ymax = 117798
set terminal pngcairo size 560,400 noenhanced font 'sans,10'
set output 'fig-1-sys.tmpfs_create_unlink-tsc-bars.png'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 560,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-sys.tmpfs_create_unlink-tsc-bars.svg'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-2-all-tsc-unused-vs-off.dat'
plottitle = 'unused vs off'
xlab = 'unused - off, instructions/op (qemu icount)'
ylab = ''
gates = 'static branch indirect field no-gate'; shown = '0 1 2 3'; nrows = 17; hasmargin = 0
set terminal pngcairo size 900,385 noenhanced font 'sans,10'
set output 'fig-2-all-tsc-unused-vs-off.png'
load '/work/wt/report/build/../scripts/gnuplot/forest.gp'
unset output
reset
set terminal svg size 900,385 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-2-all-tsc-unused-vs-off.svg'
load '/work/wt/report/build/../scripts/gnuplot/forest.gp'
unset output

reset
datafile = 'fig-2-kernel.key.hook-tsc-bars.dat'
plottitle = 'kernel.key.hook'
xlab = ''
ylab = 'instructions/op (qemu icount)'
gates = 'static'; cfgs = '0 1 3'; logy = 0; ymin = 0; ymax = 8.00053
set terminal pngcairo size 560,400 noenhanced font 'sans,10'
set output 'fig-2-kernel.key.hook-tsc-bars.png'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 560,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-2-kernel.key.hook-tsc-bars.svg'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-2-kernel.slab.cache-tsc-bars.dat'
plottitle = 'kernel.slab.cache'
xlab = ''
ylab = 'instructions/op (qemu icount)'
gates = '-'; cfgs = '0 2 3'; logy = 0; ymin = 267.481; ymax = 712.27
set terminal pngcairo size 560,400 noenhanced font 'sans,10'
set output 'fig-2-kernel.slab.cache-tsc-bars.png'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 560,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-2-kernel.slab.cache-tsc-bars.svg'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-2-kernel.slab.kmalloc-tsc-bars.dat'
plottitle = 'kernel.slab.kmalloc'
xlab = ''
ylab = 'instructions/op (qemu icount)'
gates = '-'; cfgs = '0 2 3'; logy = 0; ymin = 311.571; ymax = 764.217
set terminal pngcairo size 560,400 noenhanced font 'sans,10'
set output 'fig-2-kernel.slab.kmalloc-tsc-bars.png'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 560,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-2-kernel.slab.kmalloc-tsc-bars.svg'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-2-kernel.slab.optin-tsc-bars.dat'
plottitle = 'kernel.slab.optin'
xlab = ''
ylab = 'instructions/op (qemu icount)'
gates = 'static branch indirect field'; cfgs = '0 1 2 3'; logy = 0; ymin = 36.0197; ymax = 146.07
set terminal pngcairo size 752,400 noenhanced font 'sans,10'
set output 'fig-2-kernel.slab.optin-tsc-bars.png'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 752,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-2-kernel.slab.optin-tsc-bars.svg'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-2-kernel.slab.optout-tsc-bars.dat'
plottitle = 'kernel.slab.optout'
xlab = ''
ylab = 'instructions/op (qemu icount)'
gates = 'static branch indirect field'; cfgs = '0 1 2 3'; logy = 0; ymin = 36.0197; ymax = 153.07
set terminal pngcairo size 752,400 noenhanced font 'sans,10'
set output 'fig-2-kernel.slab.optout-tsc-bars.png'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 752,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-2-kernel.slab.optout-tsc-bars.svg'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-2-kernel.tcp.rcv-tsc-bars.dat'
plottitle = 'kernel.tcp.rcv'
xlab = ''
ylab = 'instructions/op (qemu icount)'
gates = 'static branch indirect field'; cfgs = '0 1 2 3'; logy = 0; ymin = 82.0989; ymax = 425.77
set terminal pngcairo size 752,400 noenhanced font 'sans,10'
set output 'fig-2-kernel.tcp.rcv-tsc-bars.png'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 752,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-2-kernel.tcp.rcv-tsc-bars.svg'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-2-kernel.tcp.sendmsg-tsc-bars.dat'
plottitle = 'kernel.tcp.sendmsg'
xlab = ''
ylab = 'instructions/op (qemu icount)'
gates = 'static branch indirect field'; cfgs = '0 1 2 3'; logy = 0; ymin = 85.0454; ymax = 496.16
set terminal pngcairo size 752,400 noenhanced font 'sans,10'
set output 'fig-2-kernel.tcp.sendmsg-tsc-bars.png'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 752,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-2-kernel.tcp.sendmsg-tsc-bars.svg'
load '/work/wt/report/build/../scripts/gnuplot/bars.gp'
unset output
