# One chunkbench row (or a few) across runs: score with its 99.9% confidence interval as error bars.
#
#   gnuplot -c plots/history.gp DATA SVG PNG [YLABEL] [TITLE] [log|linear]
#
# DATA is written by `chunkbench history`: one block per row, separated by two blank lines, each starting
# with a quoted title line, then "index "run label" score error" per run (a run without that row is absent).
# Runs are equally spaced, oldest first: the x axis is an order, not a time scale. "log" puts rows of very
# different magnitude (16-byte and 1 MiB chunks) on one readable chart.

if (ARGC < 3) { print "usage: gnuplot -c plots/history.gp DATA SVG PNG [YLABEL] [TITLE] [log|linear]"; exit status 2 }
data = ARG1
ylabel = (ARGC >= 4) ? ARG4 : "score"
title = (ARGC >= 5) ? ARG5 : "chunkbench history"
scale = (ARGC >= 6) ? ARG6 : "linear"

stats data using 1 nooutput
blocks = STATS_blocks

set title title." (runs oldest first)" noenhanced
set ylabel ylabel noenhanced
set xtics rotate by 30 right noenhanced nomirror
set ytics nomirror
set key outside below noenhanced maxcols 3
set grid ytics
if (scale eq "log") { set logscale y; set format y "%.0s%c"; set ylabel ylabel." (log scale)" } else { set yrange [0:*]; set format y "%.1s%c" }
set offsets 0.3, 0.3, 0, 0
set bmargin 7 + ceil(blocks / 3.0)
set lmargin 24

plotcmd = 'plot for [i=0:blocks-1] data index i using 1:3:4:xticlabels(2) with yerrorlines lw 2 pt 7 ps 0.8 title columnheader(1)'

set terminal svg size 960,600 dynamic font "sans,12" background rgb "white"
set output ARG2
eval plotcmd

set terminal pngcairo size 960,600 font "sans,11" background rgb "white"
set output ARG3
eval plotcmd
set output
