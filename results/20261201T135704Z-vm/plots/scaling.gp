# Thread scaling: aggregate throughput (MB/s, 1 MB = 10^6 bytes, summed over threads) against the thread count,
# one line per backend variant (and chunk size), on a log axis, error bars = JMH's 99.9% confidence interval; the dashed line of
# the same colour is its ideal (throughput at the fewest threads times the thread ratio). A dotted vertical line
# marks the processors the JVM saw: past it, threads share CPUs and the chart measures oversubscription.
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

stats DATA index 0 using 1 nooutput
CPUS = int(STATS_max)
stats DATA using 1 nooutput
NLINES = STATS_blocks - 1
stats DATA index 1:NLINES using 1 nooutput
TMAX = STATS_max
TMIN = STATS_min

set xlabel 'Threads (each with its own cipher)'
set ylabel 'Aggregate throughput (MB/s)'
set title "AES-CTR thread scaling\n".SUBTITLE noenhanced
set grid xtics ytics lc rgb '#dddddd' lw 1
set key outside right top vertical Left reverse noenhanced samplen 3 spacing 1.1
set border 3
set tics nomirror
set bars small
set xtics 1
XMAX = (CPUS > TMAX) ? CPUS : TMAX
set xrange [TMIN - 0.3:XMAX + 0.3]
# Throughput spans three decades between 16 B and 64 KiB chunks: a log axis keeps the small chunks' lines readable.
set logscale y
set yrange [*:*]
if (CPUS > 0) {
    set arrow 1 from CPUS, graph 0 to CPUS, graph 1 nohead dt 3 lw 1.5 lc rgb '#666666'
    set label 1 sprintf('%d CPUs seen by the JVM', CPUS) at CPUS, graph 0.97 right offset -0.5, 0 font ',10' tc rgb '#444444'
}
array COLOURS[10] = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#882255', '#999933', '#44AA99', '#AA4499']
# Ten colours and seven point shapes: no two of the first seventy lines look alike.
array POINTS[7] = [7, 5, 9, 11, 13, 3, 1]

do for [fmt = 1:2] {
    if (fmt == 1) {
        set terminal pngcairo size 1200,700 enhanced font 'DejaVu Sans,12' linewidth 1.2
        set output OUT.'.png'
    } else {
        set terminal svg size 1200,700 enhanced font 'DejaVu Sans,12' dynamic background rgb 'white'
        set output OUT.'.svg'
    }
    # An error bar reaching 0 or below has no place on a log axis: its low end is drawn at a tenth of the value.
    plot for [i = 1:NLINES] DATA index i using 1:2:(column(3) > 0 ? column(3) : column(2) / 10):4 with yerrorlines \
             lw 2 pt POINTS[(i - 1) % 7 + 1] ps 1.3 lc rgb COLOURS[(i - 1) % 10 + 1] \
             title columnheader(1), \
         for [i = 1:NLINES] DATA index i using 1:5 with lines dt 2 lw 1.2 lc rgb COLOURS[(i - 1) % 10 + 1] \
             title (i == 1 ? 'ideal (linear from the fewest threads)' : '')
}
unset output
