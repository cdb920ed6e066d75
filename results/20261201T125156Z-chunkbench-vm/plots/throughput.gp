# Throughput (MB/s, 1 MB = 10^6 bytes) against chunk size: one line per backend variant and param combination
# (in panels by the other params when there are more than eight lines: ChartPanels),
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
set format y '%g'
set ylabel 'Throughput (MB/s, log scale)'
MAINTITLE = "AES-CTR throughput by chunk size\n".SUBTITLE
NPANELS = P_N
PANEL_TITLE(p) = P_TITLE[p]
PANEL_KEY = 'top left'
PLOT = "plot for [j=P_FIRST[p]:P_LAST[p]] DATA.'/throughput.dat' index P_BLOCK[j] using 1:2:3:4 with yerrorlines ls P_LS[j] title P_KEY[j]"
if (HAVE_C) { PLOT = PLOT.", DATA.'/openssl-speed.dat' using 1:2 with linespoints dt 2 lw 2 lc rgb '#000000' pt 6 title 'C, no JVM (openssl speed)'" }
load HERE.'render.gp'
