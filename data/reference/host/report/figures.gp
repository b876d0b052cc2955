# Written by hookcost report: `gnuplot figures.gp` in this directory redraws the figures.

reset
datafile = 'fig-1-all-tsc-unused-vs-off.dat'
plottitle = 'unused vs off'
xlab = 'unused - off, % of off (TSC ticks/op)'
ylab = ''
gates = 'static branch indirect field no-gate'; shown = '0 1 2 3'; nrows = 46; hasmargin = 1
set terminal pngcairo size 900,820 noenhanced font 'sans,10'
set output 'fig-1-all-tsc-unused-vs-off.png'
load '/work/main/build/../scripts/gnuplot/forest.gp'
unset output
reset
set terminal svg size 900,820 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-all-tsc-unused-vs-off.svg'
load '/work/main/build/../scripts/gnuplot/forest.gp'
unset output

reset
datafile = 'fig-1-slab.optin.alloc_burst-tsc-bars.dat'
plottitle = 'slab.optin.alloc_burst'
xlab = ''
ylab = 'TSC ticks/op'
gates = 'static branch indirect field'; cfgs = '0 1 2 3'; logy = 0; ymin = 8500.4; ymax = 12763
set terminal pngcairo size 752,400 noenhanced font 'sans,10'
set output 'fig-1-slab.optin.alloc_burst-tsc-bars.png'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 752,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-slab.optin.alloc_burst-tsc-bars.svg'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-1-slab.optin.alloc_free-tsc-bars.dat'
plottitle = 'slab.optin.alloc_free'
xlab = ''
ylab = 'TSC ticks/op'
gates = 'static branch indirect field'; cfgs = '0 1 2 3'; logy = 0; ymin = 6.21265; ymax = 28.342
set terminal pngcairo size 752,400 noenhanced font 'sans,10'
set output 'fig-1-slab.optin.alloc_free-tsc-bars.png'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 752,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-slab.optin.alloc_free-tsc-bars.svg'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-1-slab.optout.alloc_burst-tsc-bars.dat'
plottitle = 'slab.optout.alloc_burst'
xlab = ''
ylab = 'TSC ticks/op'
gates = 'static branch indirect field'; cfgs = '0 1 2 3'; logy = 0; ymin = 8492.97; ymax = 14824.1
set terminal pngcairo size 752,400 noenhanced font 'sans,10'
set output 'fig-1-slab.optout.alloc_burst-tsc-bars.png'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 752,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-slab.optout.alloc_burst-tsc-bars.svg'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-1-slab.optout.alloc_free-tsc-bars.dat'
plottitle = 'slab.optout.alloc_free'
xlab = ''
ylab = 'TSC ticks/op'
gates = 'static branch indirect field'; cfgs = '0 1 2 3'; logy = 0; ymin = 6.21354; ymax = 27.2673
set terminal pngcairo size 752,400 noenhanced font 'sans,10'
set output 'fig-1-slab.optout.alloc_free-tsc-bars.png'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 752,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-slab.optout.alloc_free-tsc-bars.svg'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-1-tcp.recvmsg-tsc-bars.dat'
plottitle = 'tcp.recvmsg'
xlab = 'size'
ylab = 'TSC ticks/op'
gates = 'static branch indirect'; cfgs = '0 1 2 3'; logy = 0; ymin = 13.1152; ymax = 97.4638
set terminal pngcairo size 1132,400 noenhanced font 'sans,10'
set output 'fig-1-tcp.recvmsg-tsc-bars.png'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 1132,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-tcp.recvmsg-tsc-bars.svg'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-1-tcp.rr-tsc-bars.dat'
plottitle = 'tcp.rr'
xlab = 'size'
ylab = 'TSC ticks/op'
gates = 'static branch indirect field'; cfgs = '0 1 2 3'; logy = 0; ymin = 53.3159; ymax = 423.048
set terminal pngcairo size 1400,400 noenhanced font 'sans,10'
set output 'fig-1-tcp.rr-tsc-bars.png'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 1400,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-tcp.rr-tsc-bars.svg'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-1-tcp.sendmsg-tsc-bars.dat'
plottitle = 'tcp.sendmsg'
xlab = 'size'
ylab = 'TSC ticks/op'
gates = 'static branch indirect'; cfgs = '0 1 2 3'; logy = 0; ymin = 13.4272; ymax = 100.573
set terminal pngcairo size 1132,400 noenhanced font 'sans,10'
set output 'fig-1-tcp.sendmsg-tsc-bars.png'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 1132,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-tcp.sendmsg-tsc-bars.svg'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-1-sys.pipe_create-tsc-bars.dat'
plottitle = 'sys.pipe_create'
xlab = ''
ylab = 'TSC ticks/op'
gates = 'static'; cfgs = '1 2 3'; logy = 0; ymin = 12786.7; ymax = 16074.3
set terminal pngcairo size 560,400 noenhanced font 'sans,10'
set output 'fig-1-sys.pipe_create-tsc-bars.png'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 560,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-sys.pipe_create-tsc-bars.svg'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-1-sys.socket_create-tsc-bars.dat'
plottitle = 'sys.socket_create'
xlab = ''
ylab = 'TSC ticks/op'
gates = 'static'; cfgs = '1 2 3'; logy = 0; ymin = 15134.2; ymax = 19078.6
set terminal pngcairo size 560,400 noenhanced font 'sans,10'
set output 'fig-1-sys.socket_create-tsc-bars.png'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 560,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-sys.socket_create-tsc-bars.svg'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-1-sys.tcp_rr-tsc-bars.dat'
plottitle = 'sys.tcp_rr'
xlab = 'size'
ylab = 'TSC ticks/op'
gates = 'static'; cfgs = '1 2 3'; logy = 0; ymin = 32131.5; ymax = 40604.8
set terminal pngcairo size 560,400 noenhanced font 'sans,10'
set output 'fig-1-sys.tcp_rr-tsc-bars.png'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 560,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-sys.tcp_rr-tsc-bars.svg'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-1-sys.tcp_stream-tsc-bars.dat'
plottitle = 'sys.tcp_stream'
xlab = ''
ylab = 'TSC ticks/op'
gates = 'static'; cfgs = '1 2 3'; logy = 0; ymin = 41072.5; ymax = 43553.6
set terminal pngcairo size 560,400 noenhanced font 'sans,10'
set output 'fig-1-sys.tcp_stream-tsc-bars.png'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 560,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-sys.tcp_stream-tsc-bars.svg'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-1-sys.tmpfs_create_unlink-tsc-bars.dat'
plottitle = 'sys.tmpfs_create_unlink'
xlab = ''
ylab = 'TSC ticks/op'
gates = 'static'; cfgs = '1 2 3'; logy = 0; ymin = 25229.5; ymax = 29911.2
set terminal pngcairo size 560,400 noenhanced font 'sans,10'
set output 'fig-1-sys.tmpfs_create_unlink-tsc-bars.png'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 560,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-sys.tmpfs_create_unlink-tsc-bars.svg'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-2-all-tsc-unused-vs-off.dat'
plottitle = 'unused vs off'
xlab = 'unused - off, instructions/op (qemu icount)'
ylab = ''
gates = 'static branch indirect field no-gate'; shown = '0 1 2 3'; nrows = 18; hasmargin = 1
set terminal pngcairo size 900,400 noenhanced font 'sans,10'
set output 'fig-2-all-tsc-unused-vs-off.png'
load '/work/main/build/../scripts/gnuplot/forest.gp'
unset output
reset
set terminal svg size 900,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-2-all-tsc-unused-vs-off.svg'
load '/work/main/build/../scripts/gnuplot/forest.gp'
unset output

reset
datafile = 'fig-2-kernel.gate.hook-tsc-bars.dat'
plottitle = 'kernel.gate.hook'
xlab = ''
ylab = 'instructions/op (qemu icount)'
gates = 'static branch indirect'; cfgs = '0 1 3'; logy = 1; ymin = 0.000708717; ymax = 13.0008
set terminal pngcairo size 560,400 noenhanced font 'sans,10'
set output 'fig-2-kernel.gate.hook-tsc-bars.png'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 560,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-2-kernel.gate.hook-tsc-bars.svg'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-2-kernel.key.hook-tsc-bars.dat'
plottitle = 'kernel.key.hook'
xlab = ''
ylab = 'instructions/op (qemu icount)'
gates = 'static'; cfgs = '0 1 3'; logy = 1; ymin = 0.000218568; ymax = 8.00026
set terminal pngcairo size 560,400 noenhanced font 'sans,10'
set output 'fig-2-kernel.key.hook-tsc-bars.png'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 560,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-2-kernel.key.hook-tsc-bars.svg'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-2-kernel.slab.cache-tsc-bars.dat'
plottitle = 'kernel.slab.cache'
xlab = ''
ylab = 'instructions/op (qemu icount)'
gates = '-'; cfgs = '2 3'; logy = 0; ymin = 355.048; ymax = 717.117
set terminal pngcairo size 560,400 noenhanced font 'sans,10'
set output 'fig-2-kernel.slab.cache-tsc-bars.png'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 560,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-2-kernel.slab.cache-tsc-bars.svg'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-2-kernel.slab.kmalloc-tsc-bars.dat'
plottitle = 'kernel.slab.kmalloc'
xlab = ''
ylab = 'instructions/op (qemu icount)'
gates = '-'; cfgs = '2 3'; logy = 0; ymin = 405.081; ymax = 767.162
set terminal pngcairo size 560,400 noenhanced font 'sans,10'
set output 'fig-2-kernel.slab.kmalloc-tsc-bars.png'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 560,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-2-kernel.slab.kmalloc-tsc-bars.svg'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-2-kernel.slab.optin-tsc-bars.dat'
plottitle = 'kernel.slab.optin'
xlab = ''
ylab = 'instructions/op (qemu icount)'
gates = 'static branch indirect field'; cfgs = '0 1 2 3'; logy = 0; ymin = 36.024; ymax = 105.024
set terminal pngcairo size 752,400 noenhanced font 'sans,10'
set output 'fig-2-kernel.slab.optin-tsc-bars.png'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 752,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-2-kernel.slab.optin-tsc-bars.svg'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-2-kernel.slab.optout-tsc-bars.dat'
plottitle = 'kernel.slab.optout'
xlab = ''
ylab = 'instructions/op (qemu icount)'
gates = 'static branch indirect field'; cfgs = '0 1 2 3'; logy = 0; ymin = 36.0252; ymax = 115.025
set terminal pngcairo size 752,400 noenhanced font 'sans,10'
set output 'fig-2-kernel.slab.optout-tsc-bars.png'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 752,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-2-kernel.slab.optout-tsc-bars.svg'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-2-kernel.tcp.rcv-tsc-bars.dat'
plottitle = 'kernel.tcp.rcv'
xlab = ''
ylab = 'instructions/op (qemu icount)'
gates = 'static branch indirect'; cfgs = '0 1 2 3'; logy = 0; ymin = 83.5752; ymax = 351.884
set terminal pngcairo size 604,400 noenhanced font 'sans,10'
set output 'fig-2-kernel.tcp.rcv-tsc-bars.png'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 604,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-2-kernel.tcp.rcv-tsc-bars.svg'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output

reset
datafile = 'fig-2-kernel.tcp.sendmsg-tsc-bars.dat'
plottitle = 'kernel.tcp.sendmsg'
xlab = ''
ylab = 'instructions/op (qemu icount)'
gates = 'static branch indirect'; cfgs = '0 1 2 3'; logy = 0; ymin = 85.0624; ymax = 376.064
set terminal pngcairo size 604,400 noenhanced font 'sans,10'
set output 'fig-2-kernel.tcp.sendmsg-tsc-bars.png'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output
reset
set terminal svg size 604,400 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-2-kernel.tcp.sendmsg-tsc-bars.svg'
load '/work/main/build/../scripts/gnuplot/bars.gp'
unset output
