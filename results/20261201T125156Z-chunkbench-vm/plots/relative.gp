# Throughput relative to a reference backend (chunkbench report --relative-to, default sunjce) with the same
# mode, buffer, key size, direction and threads: above 1 is faster than the reference.
# usage: gnuplot -c plots/relative.gp DATA_DIR OUTPUT_BASE
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
eval 'set yrange '.RELATIVE_YRANGE
set format y '%g×'
set mytics 10
set ylabel 'Throughput relative to '.REFERENCE.' (log scale)'
MAINTITLE = "AES-CTR throughput relative to ".REFERENCE."\n".SUBTITLE
set arrow 1 from graph 0, first 1 to graph 1, first 1 nohead lc rgb '#555555' dt 2 lw 1.5
NPANELS = REL_N
PANEL_TITLE(p) = REL_TITLE[p]
PANEL_KEY = 'top right'
PLOT = "plot for [j=REL_FIRST[p]:REL_LAST[p]] DATA.'/relative.dat' index REL_BLOCK[j] using 1:2:3:4 with yerrorlines ls REL_LS[j] title REL_KEY[j]"
load HERE.'render.gp'
