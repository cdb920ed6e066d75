# Thread scaling as a share of linear: each line's aggregate throughput (summed over threads) divided by its ideal
# (its throughput at the fewest threads times the thread ratio), in percent; 100% scales perfectly. One panel per
# chunk size (and at most eight lines a panel, so that every line can be told apart), error bars = JMH's 99.9%
# confidence interval divided by the same ideal. A dotted vertical line marks the processors the JVM saw: past it,
# threads share CPUs and the chart measures oversubscription. Absolute MB/s are in the report's table.
# Data: the file `ScalingChart` writes (its format is documented there).
# usage: gnuplot -c plots/scaling.gp DATA_FILE OUTPUT_BASE [SUBTITLE]
#   writes OUTPUT_BASE.png and OUTPUT_BASE.svg
# Every text that comes from results (line titles, SUBTITLE) is read as data or used as a string value; nothing
# from the data file or the arguments is ever evaluated as a command.
if (ARGC < 2) {
    print "usage: gnuplot -c ".ARG0." DATA_FILE OUTPUT_BASE [SUBTITLE]   (writes OUTPUT_BASE.png and OUTPUT_BASE.svg)"
    exit status 2
}
DATA = ARG1
OUT = ARG2
SUBTITLE = (ARGC >= 3) ? ARG3 : ''

stats DATA index 0 every ::0::0 using 1 nooutput
CPUS = int(STATS_max)
stats DATA index 0 every ::0::0 using 2 nooutput
NPANELS = int(STATS_max)
stats DATA using 1 nooutput
NLINES = STATS_blocks - 1
stats DATA index 1:NLINES using 1 nooutput
TMAX = STATS_max
TMIN = STATS_min
stats DATA index 1:NLINES using 2 nooutput
# From the values, not the error bars: one unbounded bar would flatten every line; bars past the top are clipped.
YMAX = (STATS_max > 115) ? STATS_max * 1.15 : 130

# Each panel's row in block 0: chunk size, its first and last line block, which part of that chunk size.
array CHUNK[NPANELS]
array FIRST[NPANELS]
array LAST[NPANELS]
array PART[NPANELS]
array PARTS[NPANELS]
do for [p = 1:NPANELS] {
    stats DATA index 0 every ::p::p using 1 nooutput
    CHUNK[p] = int(STATS_max)
    stats DATA index 0 every ::p::p using 2 nooutput
    FIRST[p] = int(STATS_max)
    stats DATA index 0 every ::p::p using 3 nooutput
    LAST[p] = int(STATS_max)
    stats DATA index 0 every ::p::p using 4 nooutput
    PART[p] = int(STATS_max)
    stats DATA index 0 every ::p::p using 5 nooutput
    PARTS[p] = int(STATS_max)
}
size(b) = (b >= 1048576 && b % 1048576 == 0) ? sprintf('%d MiB', b / 1048576) : \
          (b >= 1024 && b % 1024 == 0) ? sprintf('%d KiB', b / 1024) : sprintf('%d B', b)
panel_title(p) = size(CHUNK[p]).' chunks'.(PARTS[p] > 1 ? sprintf(' (%d of %d)', PART[p], PARTS[p]) : '')

COLS = (NPANELS < 3) ? NPANELS : 3
ROWS = (NPANELS + COLS - 1) / COLS
WIDTH = 560 * COLS
HEIGHT = 120 + 560 * ROWS

set xlabel 'Threads (each with its own cipher)'
set ylabel 'Share of linear scaling (%)'
set grid xtics ytics lc rgb '#dddddd' lw 1
set key inside left bottom vertical Left reverse noenhanced samplen 2 spacing 1.0 font ',10' box opaque
set border 3
set tics nomirror
set bars small
set xtics 1
XMAX = (CPUS > TMAX) ? CPUS : TMAX
set xrange [TMIN - 0.3:XMAX + 0.3]
set yrange [0:YMAX]
if (CPUS > 0) {
    set arrow 1 from CPUS, graph 0 to CPUS, graph 1 nohead dt 3 lw 1.5 lc rgb '#666666'
    set label 1 sprintf('%d CPUs seen by the JVM', CPUS) at CPUS, graph 0.97 right offset -0.5, 0 font ',10' tc rgb '#444444'
}
array COLOURS[8] = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#882255', '#999933']
array POINTS[8] = [7, 5, 9, 11, 13, 3, 1, 2]

do for [fmt = 1:2] {
    if (fmt == 1) {
        set terminal pngcairo size WIDTH,HEIGHT enhanced font 'DejaVu Sans,12' linewidth 1.2
        set output OUT.'.png'
    } else {
        set terminal svg size WIDTH,HEIGHT enhanced font 'DejaVu Sans,12' dynamic background rgb 'white'
        set output OUT.'.svg'
    }
    set multiplot layout ROWS, COLS title "AES-CTR thread scaling: aggregate throughput as a share of linear\n".SUBTITLE noenhanced
    do for [p = 1:NPANELS] {
        set title panel_title(p) noenhanced
        plot for [i = FIRST[p]:LAST[p]] DATA index i using 1:2:3:4 with yerrorlines \
                 lw 2 pt POINTS[(i - FIRST[p]) % 8 + 1] ps 1.3 lc rgb COLOURS[(i - FIRST[p]) % 8 + 1] \
                 title columnheader(1), \
             100 with lines dt 2 lw 1.2 lc rgb '#444444' title 'linear'
    }
    unset multiplot
}
unset output
