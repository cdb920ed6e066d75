# Written by chunkbench report from jmh.json: one line style per series (colour by backend,
# dash and point by the other params, or point by backend when the charts have panels), the chunk-size tics,
# the panels and the chart subtitle. Loaded by plots/*.gp.
set style line 1 lc rgb '#0072B2' dt 1 lw 2 pt 7 ps 0.8
set style line 2 lc rgb '#000000' dt 1 lw 2 pt 7 ps 0.8
set style line 3 lc rgb '#D55E00' dt 1 lw 2 pt 7 ps 0.8
set style line 4 lc rgb '#009E73' dt 1 lw 2 pt 7 ps 0.8
set style line 5 lc rgb '#CC79A7' dt 1 lw 2 pt 7 ps 0.8
set style line 6 lc rgb '#E69F00' dt 1 lw 2 pt 7 ps 0.8
set xtics ('16 B' 16, '64 B' 64, '256 B' 256, '1 KiB' 1024, '4 KiB' 4096, '16 KiB' 16384, '64 KiB' 65536, '1 MiB' 1048576)
set xrange [11.4286:1.46801e+06]
REFERENCE = 'sunjce'
# panels (ChartPanels): P_ for the throughput and time-per-chunk charts, REL_ for the relative chart
P_N = 1
array P_TITLE[1] = ['']
array P_FIRST[1] = [1]
array P_LAST[1] = [6]
array P_BLOCK[6] = [0, 1, 2, 3, 4, 5]
array P_LS[6] = [1, 2, 3, 4, 5, 6]
array P_KEY[6] = ['sunjce', 'baseline', 'bc', 'bc-lightweight', 'conscrypt', 'openssl[binding=ffm]']
REL_N = 1
array REL_TITLE[1] = ['']
array REL_FIRST[1] = [1]
array REL_LAST[1] = [6]
array REL_BLOCK[6] = [0, 1, 2, 3, 4, 5]
array REL_LS[6] = [1, 2, 3, 4, 5, 6]
array REL_KEY[6] = ['sunjce', 'baseline', 'bc', 'bc-lightweight', 'conscrypt', 'openssl[binding=ffm]']
SUBTITLE = 'AES-128, stream mode, encrypt, heap buffers, 1 thread, vm, AMD EPYC'
# y ranges rounded out to decades (log axes), so that a single point is no empty range
THROUGHPUT_YRANGE = '[100.000:100000]'
NS_YRANGE = '[10.0000:1.00000e+07]'
RELATIVE_YRANGE = '[0.00100000:100.000]'
HAVE_C = 1
