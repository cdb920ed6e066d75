# Shared by the chart scripts (which set DATA and OUT from their arguments): reads the series styles and tics
# that `chunkbench report` derived from the results (DATA/series.gp), and sets what every chart has in common.
load DATA.'/series.gp'
# HAVE_C: report wrote DATA/openssl-speed.dat (openssl speed, C without a JVM), drawn as a dashed reference line
if (!exists('HAVE_C')) { HAVE_C = 0 }

set logscale x 2
set xlabel 'Chunk size (bytes, log scale)'
set grid xtics ytics mytics lc rgb '#dddddd' lw 1, lc rgb '#eeeeee' lw 1
set key outside right top vertical Left reverse noenhanced samplen 3 spacing 1.1
set border 3
set tics nomirror
set bars small
