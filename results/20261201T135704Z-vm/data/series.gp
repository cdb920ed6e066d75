# Written by chunkbench report from jmh.json: one line style per series (colour by backend,
# dash and point by the other params, or point by backend when the charts have panels), the chunk-size tics,
# the panels and the chart subtitle. Loaded by plots/*.gp.
set style line 1 lc rgb '#0072B2' dt 1 lw 2 pt 7 ps 0.8
set style line 2 lc rgb '#000000' dt 1 lw 2 pt 5 ps 0.8
set style line 3 lc rgb '#D55E00' dt 1 lw 2 pt 9 ps 0.8
set style line 4 lc rgb '#009E73' dt 1 lw 2 pt 11 ps 0.8
set style line 5 lc rgb '#0072B2' dt 1 lw 2 pt 7 ps 0.8
set style line 6 lc rgb '#000000' dt 1 lw 2 pt 5 ps 0.8
set style line 7 lc rgb '#D55E00' dt 1 lw 2 pt 9 ps 0.8
set style line 8 lc rgb '#009E73' dt 1 lw 2 pt 11 ps 0.8
set style line 9 lc rgb '#0072B2' dt 1 lw 2 pt 7 ps 0.8
set style line 10 lc rgb '#000000' dt 1 lw 2 pt 5 ps 0.8
set style line 11 lc rgb '#D55E00' dt 1 lw 2 pt 9 ps 0.8
set style line 12 lc rgb '#009E73' dt 1 lw 2 pt 11 ps 0.8
set style line 13 lc rgb '#0072B2' dt 1 lw 2 pt 7 ps 0.8
set style line 14 lc rgb '#000000' dt 1 lw 2 pt 5 ps 0.8
set style line 15 lc rgb '#D55E00' dt 1 lw 2 pt 9 ps 0.8
set style line 16 lc rgb '#009E73' dt 1 lw 2 pt 11 ps 0.8
set xtics ('16 B' 16, '1 KiB' 1024, '64 KiB' 65536)
set xrange [11.4286:91750.4]
REFERENCE = 'sunjce'
# panels (ChartPanels): P_ for the throughput and time-per-chunk charts, REL_ for the relative chart
P_N = 4
array P_TITLE[4] = ['heap buffers, 1 thread', 'heap buffers, 2 threads', 'direct buffers, 1 thread', 'direct buffers, 2 threads']
array P_FIRST[4] = [1, 5, 9, 13]
array P_LAST[4] = [4, 8, 12, 16]
array P_BLOCK[16] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]
array P_LS[16] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]
array P_KEY[16] = ['sunjce', 'baseline', 'openssl[binding=ffm]', 'openssl[binding=jna]', 'sunjce', 'baseline', 'openssl[binding=ffm]', 'openssl[binding=jna]', 'sunjce', 'baseline', 'openssl[binding=ffm]', 'openssl[binding=jna]', 'sunjce', 'baseline', 'openssl[binding=ffm]', 'openssl[binding=jna]']
REL_N = 4
array REL_TITLE[4] = ['heap buffers, 1 thread', 'heap buffers, 2 threads', 'direct buffers, 1 thread', 'direct buffers, 2 threads']
array REL_FIRST[4] = [1, 5, 9, 13]
array REL_LAST[4] = [4, 8, 12, 16]
array REL_BLOCK[16] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]
array REL_LS[16] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]
array REL_KEY[16] = ['sunjce', 'baseline', 'openssl[binding=ffm]', 'openssl[binding=jna]', 'sunjce', 'baseline', 'openssl[binding=ffm]', 'openssl[binding=jna]', 'sunjce', 'baseline', 'openssl[binding=ffm]', 'openssl[binding=jna]', 'sunjce', 'baseline', 'openssl[binding=ffm]', 'openssl[binding=jna]']
SUBTITLE = 'AES-128, stream mode, encrypt, vm, Intel(R) Xeon(R) Processor'
# y ranges rounded out to decades (log axes), so that a single point is no empty range
THROUGHPUT_YRANGE = '[10.0000:100000]'
NS_YRANGE = '[10.0000:100000]'
RELATIVE_YRANGE = '[0.0100000:10.0000]'
HAVE_C = 1
