# Time per chunk (ns, log-log) against chunk size: where the curve is flat, the fixed cost of a call dominates;
# where it rises with slope 1, the cost per byte does.
# usage: gnuplot -c plots/ns-per-chunk.gp DATA_DIR OUTPUT_BASE
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
eval 'set yrange '.NS_YRANGE
set format y '10^{%L}'
set ylabel 'Time per chunk (ns, log scale)'
MAINTITLE = "AES-CTR time per chunk\n".SUBTITLE
NPANELS = P_N
PANEL_TITLE(p) = P_TITLE[p]
PANEL_KEY = 'top left'
PLOT = "plot for [j=P_FIRST[p]:P_LAST[p]] DATA.'/ns-per-chunk.dat' index P_BLOCK[j] using 1:2:3:4 with yerrorlines ls P_LS[j] title P_KEY[j]"
if (HAVE_C) { PLOT = PLOT.", DATA.'/openssl-speed.dat' using 1:3 with linespoints dt 2 lw 2 lc rgb '#000000' pt 6 title 'C, no JVM (openssl speed)'" }
load HERE.'render.gp'
