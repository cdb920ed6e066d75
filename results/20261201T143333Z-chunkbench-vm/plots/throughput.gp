# Throughput (MB/s, 1 MB = 10^6 bytes) against chunk size: one line per backend variant and param combination,
# error bars = JMH's 99.9% confidence interval.
# usage: gnuplot -c plots/throughput.gp DATA_DIR OUTPUT_BASE
if (ARGC < 2) {
    print "usage: gnuplot -c ".ARG0." DATA_DIR OUTPUT_BASE   (writes OUTPUT_BASE.png and OUTPUT_BASE.svg)"
    exit status 2
}
DATA = ARG1
OUT = ARG2
# The helpers live next to this script, wherever it is run from.
HERE = ''; do for [k=strlen(ARG0):1:-1] { if (HERE eq '' && ARG0[k:k] eq '/') { HERE = ARG0[1:k] } }
load HERE.'common.gp'
set logscale y 10
eval 'set yrange '.THROUGHPUT_YRANGE
set format y '%.0f'
set ylabel 'Throughput (MB/s, log scale)'
set title "AES-CTR throughput by chunk size\n".SUBTITLE noenhanced
PLOT = "plot for [i=1:NSERIES] DATA.'/throughput.dat' index (i-1) using 1:2:3:4 with yerrorlines ls i title columnheader(1)"
if (HAVE_C) { PLOT = PLOT.", DATA.'/openssl-speed.dat' using 1:2 with linespoints dt 2 lw 2 lc rgb '#000000' pt 6 title 'C, no JVM (openssl speed)'" }
load HERE.'render.gp'
