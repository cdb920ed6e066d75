# Written by chunkbench report from jmh.json: one line style per series (colour by backend,
# dash and point by the other params, or point by backend when the charts have panels), the chunk-size tics,
# the panels and the chart subtitle. Loaded by plots/*.gp.
set style line 1 lc rgb '#0072B2' dt 1 lw 2 pt 7 ps 0.8
set style line 2 lc rgb '#000000' dt 1 lw 2 pt 5 ps 0.8
set style line 3 lc rgb '#D55E00' dt 1 lw 2 pt 9 ps 0.8
set style line 4 lc rgb '#009E73' dt 1 lw 2 pt 11 ps 0.8
set style line 5 lc rgb '#CC79A7' dt 1 lw 2 pt 13 ps 0.8
set style line 6 lc rgb '#E69F00' dt 1 lw 2 pt 15 ps 0.8
set style line 7 lc rgb '#0072B2' dt 1 lw 2 pt 7 ps 0.8
set style line 8 lc rgb '#000000' dt 1 lw 2 pt 5 ps 0.8
set style line 9 lc rgb '#D55E00' dt 1 lw 2 pt 9 ps 0.8
set style line 10 lc rgb '#009E73' dt 1 lw 2 pt 11 ps 0.8
set style line 11 lc rgb '#CC79A7' dt 1 lw 2 pt 13 ps 0.8
set style line 12 lc rgb '#E69F00' dt 1 lw 2 pt 15 ps 0.8
set xtics ('16 B' 16, '64 B' 64, '256 B' 256, '1 KiB' 1024, '4 KiB' 4096, '16 KiB' 16384, '64 KiB' 65536, '1 MiB' 1048576)
set xrange [11.4286:1.46801e+06]
REFERENCE = 'sunjce'
# panels (ChartPanels): P_ for the throughput and time-per-chunk charts, REL_ for the relative chart
P_N = 2
array P_TITLE[2] = ['stream mode', 'per-chunk-iv mode']
array P_FIRST[2] = [1, 7]
array P_LAST[2] = [6, 12]
array P_BLOCK[12] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
array P_LS[12] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
array P_KEY[12] = ['sunjce', 'baseline', 'bc', 'bc-lightweight', 'conscrypt', 'openssl', 'sunjce', 'baseline', 'bc', 'bc-lightweight', 'conscrypt', 'openssl']
REL_N = 2
array REL_TITLE[2] = ['stream mode', 'per-chunk-iv mode']
array REL_FIRST[2] = [1, 7]
array REL_LAST[2] = [6, 12]
array REL_BLOCK[12] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
array REL_LS[12] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
array REL_KEY[12] = ['sunjce', 'baseline', 'bc', 'bc-lightweight', 'conscrypt', 'openssl', 'sunjce', 'baseline', 'bc', 'bc-lightweight', 'conscrypt', 'openssl']
SUBTITLE = 'AES-128, encrypt, heap buffers, 1 thread, vm, AMD EPYC'
# y ranges rounded out to decades (log axes), so that a single point is no empty range
THROUGHPUT_YRANGE = '[10.0000:100000]'
NS_YRANGE = '[10.0000:1.00000e+07]'
RELATIVE_YRANGE = '[0.00100000:10.0000]'
