# One chunkbench row (or a few) across runs: score with its 99.9% confidence interval as error bars, and the change
# points `chunkbench history` found, circled and labelled with the step's size.
#
#   gnuplot -c plots/history.gp DATA OUTPUT_BASE [YLABEL] [TITLE] [log|linear] [STEPS] [SUBTITLE]
#   writes OUTPUT_BASE.png and OUTPUT_BASE.svg
#
# DATA is written by `chunkbench history`: one block per row, separated by two blank lines, each starting
# with a quoted title line, then "index "run label" score error" per run (a run without that row is absent). When
# STEPS is above 0, one more block follows: "index score "label"" per change point, circled and labelled in red.
# Runs are equally spaced, oldest first: the x axis is an order, not a time scale. "log" puts rows of very
# different magnitude (16-byte and 1 MiB chunks) on one readable chart.

if (ARGC < 2) { print "usage: gnuplot -c plots/history.gp DATA OUTPUT_BASE [YLABEL] [TITLE] [log|linear] [STEPS] [SUBTITLE]"; exit status 2 }
data = ARG1
OUT = ARG2
ylabel = (ARGC >= 3) ? ARG3 : "score"
title = (ARGC >= 4) ? ARG4 : "chunkbench history"
scale = (ARGC >= 5) ? ARG5 : "linear"
steps = (ARGC >= 6) ? int(ARG6) : 0
subtitle = (ARGC >= 7) ? ARG7 : ""

stats data using 1 nooutput
blocks = STATS_blocks - (steps > 0 ? 1 : 0)
# at most about 20 run labels on the axis: every n-th run's, so that long histories stay readable
labelEvery = int(ceil((STATS_max + 1) / 20.0))
runLabel(i, s) = (int(i) % labelEvery == 0) ? s : ""

set title title." (runs oldest first)".(subtitle eq "" ? "" : "\n".subtitle) noenhanced
set ylabel ylabel noenhanced
set xtics rotate by 30 right noenhanced nomirror
set ytics nomirror
set key outside below noenhanced maxcols 3
set grid ytics
if (scale eq "log") { set logscale y; set format y "%.0s%c"; set ylabel ylabel." (log scale)" } else { set yrange [0:*]; set format y "%.1s%c" }
set offsets 0.3, 0.3, 0, 0
set bmargin 7 + ceil(blocks / 3.0)
set lmargin 24

plotcmd = 'plot for [i=0:blocks-1] data index i using 1:3:4:xticlabels(runLabel($1, stringcolumn(2))) with yerrorlines lw 2 pt 7 ps 0.8 title columnheader(1)'
if (steps > 0) {
    plotcmd = plotcmd.', data index blocks using 1:2 with points pt 6 ps 3 lw 2 lc rgb "red" notitle, '.\
        'data index blocks using 1:2:3 with labels offset 0,1.6 textcolor rgb "red" notitle'
}

set terminal svg size 960,600 dynamic font "sans,12" background rgb "white"
set output OUT.'.svg'
eval plotcmd

set terminal pngcairo size 960,600 font "sans,11" background rgb "white"
set output OUT.'.png'
eval plotcmd
set output
