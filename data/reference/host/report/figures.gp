# Written by hookcost report: `gnuplot figures.gp` in this directory redraws the figures.

reset
datafile = 'fig-1-add_dep-tsc-dist.dat'
plottitle = 'add_dep'
xlab = ''
ylab = 'tsc/op'
nboxes = 1
set terminal pngcairo size 640,480 noenhanced font 'sans,10'
set output 'fig-1-add_dep-tsc-dist.png'
load '/work/main/build/../scripts/gnuplot/distribution.gp'
set terminal svg size 640,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-add_dep-tsc-dist.svg'
replot
unset output

reset
datafile = 'fig-1-branch_taken-tsc-dist.dat'
plottitle = 'branch_taken'
xlab = ''
ylab = 'tsc/op'
nboxes = 1
set terminal pngcairo size 640,480 noenhanced font 'sans,10'
set output 'fig-1-branch_taken-tsc-dist.png'
load '/work/main/build/../scripts/gnuplot/distribution.gp'
set terminal svg size 640,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-branch_taken-tsc-dist.svg'
replot
unset output

reset
datafile = 'fig-1-branch_unused-tsc-dist.dat'
plottitle = 'branch_unused'
xlab = ''
ylab = 'tsc/op'
nboxes = 1
set terminal pngcairo size 640,480 noenhanced font 'sans,10'
set output 'fig-1-branch_unused-tsc-dist.png'
load '/work/main/build/../scripts/gnuplot/distribution.gp'
set terminal svg size 640,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-branch_unused-tsc-dist.svg'
replot
unset output

reset
datafile = 'fig-1-empty-tsc-dist.dat'
plottitle = 'empty'
xlab = ''
ylab = 'tsc/op'
nboxes = 1
set terminal pngcairo size 640,480 noenhanced font 'sans,10'
set output 'fig-1-empty-tsc-dist.png'
load '/work/main/build/../scripts/gnuplot/distribution.gp'
set terminal svg size 640,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-empty-tsc-dist.svg'
replot
unset output

reset
datafile = 'fig-1-indirect_call-tsc-dist.dat'
plottitle = 'indirect_call'
xlab = ''
ylab = 'tsc/op'
nboxes = 1
set terminal pngcairo size 640,480 noenhanced font 'sans,10'
set output 'fig-1-indirect_call-tsc-dist.png'
load '/work/main/build/../scripts/gnuplot/distribution.gp'
set terminal svg size 640,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-indirect_call-tsc-dist.svg'
replot
unset output

reset
datafile = 'fig-1-nop1-tsc-dist.dat'
plottitle = 'nop1'
xlab = ''
ylab = 'tsc/op'
nboxes = 1
set terminal pngcairo size 640,480 noenhanced font 'sans,10'
set output 'fig-1-nop1-tsc-dist.png'
load '/work/main/build/../scripts/gnuplot/distribution.gp'
set terminal svg size 640,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-nop1-tsc-dist.svg'
replot
unset output

reset
datafile = 'fig-1-nop5-tsc-dist.dat'
plottitle = 'nop5'
xlab = ''
ylab = 'tsc/op'
nboxes = 1
set terminal pngcairo size 640,480 noenhanced font 'sans,10'
set output 'fig-1-nop5-tsc-dist.png'
load '/work/main/build/../scripts/gnuplot/distribution.gp'
set terminal svg size 640,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-nop5-tsc-dist.svg'
replot
unset output

reset
datafile = 'fig-1-static_unused-tsc-dist.dat'
plottitle = 'static_unused'
xlab = ''
ylab = 'tsc/op'
nboxes = 1
set terminal pngcairo size 640,480 noenhanced font 'sans,10'
set output 'fig-1-static_unused-tsc-dist.png'
load '/work/main/build/../scripts/gnuplot/distribution.gp'
set terminal svg size 640,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-static_unused-tsc-dist.svg'
replot
unset output

reset
datafile = 'fig-1-slab.optin.alloc_burst-tsc-dist.dat'
plottitle = 'slab.optin.alloc_burst'
xlab = ''
ylab = 'tsc/op'
nboxes = 16
set terminal pngcairo size 1600,480 noenhanced font 'sans,10'
set output 'fig-1-slab.optin.alloc_burst-tsc-dist.png'
load '/work/main/build/../scripts/gnuplot/distribution.gp'
set terminal svg size 1600,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-slab.optin.alloc_burst-tsc-dist.svg'
replot
unset output

reset
datafile = 'fig-1-slab.optin.alloc_burst-tsc-overhead.dat'
plottitle = 'slab.optin.alloc_burst'
xlab = ''
ylab = 'delta tsc/op'

set terminal pngcairo size 1600,480 noenhanced font 'sans,10'
set output 'fig-1-slab.optin.alloc_burst-tsc-overhead.png'
load '/work/main/build/../scripts/gnuplot/overhead.gp'
set terminal svg size 1600,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-slab.optin.alloc_burst-tsc-overhead.svg'
replot
unset output

reset
datafile = 'fig-1-slab.optin.alloc_free-tsc-dist.dat'
plottitle = 'slab.optin.alloc_free'
xlab = ''
ylab = 'tsc/op'
nboxes = 16
set terminal pngcairo size 1600,480 noenhanced font 'sans,10'
set output 'fig-1-slab.optin.alloc_free-tsc-dist.png'
load '/work/main/build/../scripts/gnuplot/distribution.gp'
set terminal svg size 1600,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-slab.optin.alloc_free-tsc-dist.svg'
replot
unset output

reset
datafile = 'fig-1-slab.optin.alloc_free-tsc-overhead.dat'
plottitle = 'slab.optin.alloc_free'
xlab = ''
ylab = 'delta tsc/op'

set terminal pngcairo size 1600,480 noenhanced font 'sans,10'
set output 'fig-1-slab.optin.alloc_free-tsc-overhead.png'
load '/work/main/build/../scripts/gnuplot/overhead.gp'
set terminal svg size 1600,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-slab.optin.alloc_free-tsc-overhead.svg'
replot
unset output

reset
datafile = 'fig-1-slab.optout.alloc_burst-tsc-dist.dat'
plottitle = 'slab.optout.alloc_burst'
xlab = ''
ylab = 'tsc/op'
nboxes = 16
set terminal pngcairo size 1600,480 noenhanced font 'sans,10'
set output 'fig-1-slab.optout.alloc_burst-tsc-dist.png'
load '/work/main/build/../scripts/gnuplot/distribution.gp'
set terminal svg size 1600,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-slab.optout.alloc_burst-tsc-dist.svg'
replot
unset output

reset
datafile = 'fig-1-slab.optout.alloc_burst-tsc-overhead.dat'
plottitle = 'slab.optout.alloc_burst'
xlab = ''
ylab = 'delta tsc/op'

set terminal pngcairo size 1600,480 noenhanced font 'sans,10'
set output 'fig-1-slab.optout.alloc_burst-tsc-overhead.png'
load '/work/main/build/../scripts/gnuplot/overhead.gp'
set terminal svg size 1600,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-slab.optout.alloc_burst-tsc-overhead.svg'
replot
unset output

reset
datafile = 'fig-1-slab.optout.alloc_free-tsc-dist.dat'
plottitle = 'slab.optout.alloc_free'
xlab = ''
ylab = 'tsc/op'
nboxes = 16
set terminal pngcairo size 1600,480 noenhanced font 'sans,10'
set output 'fig-1-slab.optout.alloc_free-tsc-dist.png'
load '/work/main/build/../scripts/gnuplot/distribution.gp'
set terminal svg size 1600,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-slab.optout.alloc_free-tsc-dist.svg'
replot
unset output

reset
datafile = 'fig-1-slab.optout.alloc_free-tsc-overhead.dat'
plottitle = 'slab.optout.alloc_free'
xlab = ''
ylab = 'delta tsc/op'

set terminal pngcairo size 1600,480 noenhanced font 'sans,10'
set output 'fig-1-slab.optout.alloc_free-tsc-overhead.png'
load '/work/main/build/../scripts/gnuplot/overhead.gp'
set terminal svg size 1600,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-slab.optout.alloc_free-tsc-overhead.svg'
replot
unset output

reset
datafile = 'fig-1-tcp.recvmsg-tsc-dist.dat'
plottitle = 'tcp.recvmsg'
xlab = ''
ylab = 'tsc/op'
nboxes = 48
set terminal pngcairo size 1600,480 noenhanced font 'sans,10'
set output 'fig-1-tcp.recvmsg-tsc-dist.png'
load '/work/main/build/../scripts/gnuplot/distribution.gp'
set terminal svg size 1600,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-tcp.recvmsg-tsc-dist.svg'
replot
unset output

reset
datafile = 'fig-1-tcp.recvmsg-tsc-overhead.dat'
plottitle = 'tcp.recvmsg'
xlab = ''
ylab = 'delta tsc/op'

set terminal pngcairo size 1600,480 noenhanced font 'sans,10'
set output 'fig-1-tcp.recvmsg-tsc-overhead.png'
load '/work/main/build/../scripts/gnuplot/overhead.gp'
set terminal svg size 1600,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-tcp.recvmsg-tsc-overhead.svg'
replot
unset output

reset
datafile = 'fig-1-tcp.recvmsg-tsc-scaling.dat'
plottitle = 'tcp.recvmsg'
xlab = 'size'
ylab = 'tsc/op'
ncurves = 16; logx = 1
set terminal pngcairo size 800,480 noenhanced font 'sans,10'
set output 'fig-1-tcp.recvmsg-tsc-scaling.png'
load '/work/main/build/../scripts/gnuplot/scaling.gp'
set terminal svg size 800,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-tcp.recvmsg-tsc-scaling.svg'
replot
unset output

reset
datafile = 'fig-1-tcp.rr-tsc-dist.dat'
plottitle = 'tcp.rr'
xlab = ''
ylab = 'tsc/op'
nboxes = 48
set terminal pngcairo size 1600,480 noenhanced font 'sans,10'
set output 'fig-1-tcp.rr-tsc-dist.png'
load '/work/main/build/../scripts/gnuplot/distribution.gp'
set terminal svg size 1600,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-tcp.rr-tsc-dist.svg'
replot
unset output

reset
datafile = 'fig-1-tcp.rr-tsc-overhead.dat'
plottitle = 'tcp.rr'
xlab = ''
ylab = 'delta tsc/op'

set terminal pngcairo size 1600,480 noenhanced font 'sans,10'
set output 'fig-1-tcp.rr-tsc-overhead.png'
load '/work/main/build/../scripts/gnuplot/overhead.gp'
set terminal svg size 1600,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-tcp.rr-tsc-overhead.svg'
replot
unset output

reset
datafile = 'fig-1-tcp.rr-tsc-scaling.dat'
plottitle = 'tcp.rr'
xlab = 'size'
ylab = 'tsc/op'
ncurves = 16; logx = 1
set terminal pngcairo size 800,480 noenhanced font 'sans,10'
set output 'fig-1-tcp.rr-tsc-scaling.png'
load '/work/main/build/../scripts/gnuplot/scaling.gp'
set terminal svg size 800,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-tcp.rr-tsc-scaling.svg'
replot
unset output

reset
datafile = 'fig-1-tcp.sendmsg-tsc-dist.dat'
plottitle = 'tcp.sendmsg'
xlab = ''
ylab = 'tsc/op'
nboxes = 48
set terminal pngcairo size 1600,480 noenhanced font 'sans,10'
set output 'fig-1-tcp.sendmsg-tsc-dist.png'
load '/work/main/build/../scripts/gnuplot/distribution.gp'
set terminal svg size 1600,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-tcp.sendmsg-tsc-dist.svg'
replot
unset output

reset
datafile = 'fig-1-tcp.sendmsg-tsc-overhead.dat'
plottitle = 'tcp.sendmsg'
xlab = ''
ylab = 'delta tsc/op'

set terminal pngcairo size 1600,480 noenhanced font 'sans,10'
set output 'fig-1-tcp.sendmsg-tsc-overhead.png'
load '/work/main/build/../scripts/gnuplot/overhead.gp'
set terminal svg size 1600,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-tcp.sendmsg-tsc-overhead.svg'
replot
unset output

reset
datafile = 'fig-1-tcp.sendmsg-tsc-scaling.dat'
plottitle = 'tcp.sendmsg'
xlab = 'size'
ylab = 'tsc/op'
ncurves = 16; logx = 1
set terminal pngcairo size 800,480 noenhanced font 'sans,10'
set output 'fig-1-tcp.sendmsg-tsc-scaling.png'
load '/work/main/build/../scripts/gnuplot/scaling.gp'
set terminal svg size 800,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-tcp.sendmsg-tsc-scaling.svg'
replot
unset output

reset
datafile = 'fig-1-sys.pipe_create-tsc-dist.dat'
plottitle = 'sys.pipe_create'
xlab = ''
ylab = 'tsc/op'
nboxes = 3
set terminal pngcairo size 640,480 noenhanced font 'sans,10'
set output 'fig-1-sys.pipe_create-tsc-dist.png'
load '/work/main/build/../scripts/gnuplot/distribution.gp'
set terminal svg size 640,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-sys.pipe_create-tsc-dist.svg'
replot
unset output

reset
datafile = 'fig-1-sys.pipe_create-tsc-overhead.dat'
plottitle = 'sys.pipe_create'
xlab = ''
ylab = 'delta tsc/op'

set terminal pngcairo size 640,480 noenhanced font 'sans,10'
set output 'fig-1-sys.pipe_create-tsc-overhead.png'
load '/work/main/build/../scripts/gnuplot/overhead.gp'
set terminal svg size 640,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-sys.pipe_create-tsc-overhead.svg'
replot
unset output

reset
datafile = 'fig-1-sys.socket_create-tsc-dist.dat'
plottitle = 'sys.socket_create'
xlab = ''
ylab = 'tsc/op'
nboxes = 3
set terminal pngcairo size 640,480 noenhanced font 'sans,10'
set output 'fig-1-sys.socket_create-tsc-dist.png'
load '/work/main/build/../scripts/gnuplot/distribution.gp'
set terminal svg size 640,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-sys.socket_create-tsc-dist.svg'
replot
unset output

reset
datafile = 'fig-1-sys.socket_create-tsc-overhead.dat'
plottitle = 'sys.socket_create'
xlab = ''
ylab = 'delta tsc/op'

set terminal pngcairo size 640,480 noenhanced font 'sans,10'
set output 'fig-1-sys.socket_create-tsc-overhead.png'
load '/work/main/build/../scripts/gnuplot/overhead.gp'
set terminal svg size 640,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-sys.socket_create-tsc-overhead.svg'
replot
unset output

reset
datafile = 'fig-1-sys.tcp_rr-tsc-dist.dat'
plottitle = 'sys.tcp_rr'
xlab = ''
ylab = 'tsc/op'
nboxes = 9
set terminal pngcairo size 970,480 noenhanced font 'sans,10'
set output 'fig-1-sys.tcp_rr-tsc-dist.png'
load '/work/main/build/../scripts/gnuplot/distribution.gp'
set terminal svg size 970,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-sys.tcp_rr-tsc-dist.svg'
replot
unset output

reset
datafile = 'fig-1-sys.tcp_rr-tsc-overhead.dat'
plottitle = 'sys.tcp_rr'
xlab = ''
ylab = 'delta tsc/op'

set terminal pngcairo size 970,480 noenhanced font 'sans,10'
set output 'fig-1-sys.tcp_rr-tsc-overhead.png'
load '/work/main/build/../scripts/gnuplot/overhead.gp'
set terminal svg size 970,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-sys.tcp_rr-tsc-overhead.svg'
replot
unset output

reset
datafile = 'fig-1-sys.tcp_rr-tsc-scaling.dat'
plottitle = 'sys.tcp_rr'
xlab = 'size'
ylab = 'tsc/op'
ncurves = 3; logx = 1
set terminal pngcairo size 800,480 noenhanced font 'sans,10'
set output 'fig-1-sys.tcp_rr-tsc-scaling.png'
load '/work/main/build/../scripts/gnuplot/scaling.gp'
set terminal svg size 800,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-sys.tcp_rr-tsc-scaling.svg'
replot
unset output

reset
datafile = 'fig-1-sys.tcp_stream-tsc-dist.dat'
plottitle = 'sys.tcp_stream'
xlab = ''
ylab = 'tsc/op'
nboxes = 3
set terminal pngcairo size 640,480 noenhanced font 'sans,10'
set output 'fig-1-sys.tcp_stream-tsc-dist.png'
load '/work/main/build/../scripts/gnuplot/distribution.gp'
set terminal svg size 640,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-sys.tcp_stream-tsc-dist.svg'
replot
unset output

reset
datafile = 'fig-1-sys.tcp_stream-tsc-overhead.dat'
plottitle = 'sys.tcp_stream'
xlab = ''
ylab = 'delta tsc/op'

set terminal pngcairo size 640,480 noenhanced font 'sans,10'
set output 'fig-1-sys.tcp_stream-tsc-overhead.png'
load '/work/main/build/../scripts/gnuplot/overhead.gp'
set terminal svg size 640,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-sys.tcp_stream-tsc-overhead.svg'
replot
unset output

reset
datafile = 'fig-1-sys.tmpfs_create_unlink-tsc-dist.dat'
plottitle = 'sys.tmpfs_create_unlink'
xlab = ''
ylab = 'tsc/op'
nboxes = 3
set terminal pngcairo size 640,480 noenhanced font 'sans,10'
set output 'fig-1-sys.tmpfs_create_unlink-tsc-dist.png'
load '/work/main/build/../scripts/gnuplot/distribution.gp'
set terminal svg size 640,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-sys.tmpfs_create_unlink-tsc-dist.svg'
replot
unset output

reset
datafile = 'fig-1-sys.tmpfs_create_unlink-tsc-overhead.dat'
plottitle = 'sys.tmpfs_create_unlink'
xlab = ''
ylab = 'delta tsc/op'

set terminal pngcairo size 640,480 noenhanced font 'sans,10'
set output 'fig-1-sys.tmpfs_create_unlink-tsc-overhead.png'
load '/work/main/build/../scripts/gnuplot/overhead.gp'
set terminal svg size 640,480 noenhanced font 'sans,10' background '#ffffff'
set output 'fig-1-sys.tmpfs_create_unlink-tsc-overhead.svg'
replot
unset output
