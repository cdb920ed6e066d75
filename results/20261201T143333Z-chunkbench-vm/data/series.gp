# Written by chunkbench report from jmh.json: one line style per series (colour by backend,
# dash and point by the other params, or point by backend when the charts have panels), the chunk-size tics,
# the panels and the chart subtitle. Loaded by plots/*.gp.
set style line 1 lc rgb '#0072B2' dt 1 lw 2 pt 7 ps 0.8
set style line 2 lc rgb '#0072B2' dt 2 lw 2 pt 5 ps 0.8
set xtics ('16 B' 16, '1 KiB' 1024, '64 KiB' 65536)
set xrange [11.4286:91750.4]
REFERENCE = 'sunjce'
# panels (ChartPanels): P_ for the throughput and time-per-chunk charts, REL_ for the relative chart
P_N = 1
array P_TITLE[1] = ['']
array P_FIRST[1] = [1]
array P_LAST[1] = [2]
array P_BLOCK[2] = [0, 1]
array P_LS[2] = [1, 2]
array P_KEY[2] = ['kernel[binding=ffm] heap', 'kernel[binding=ffm] direct']
REL_N = 1
array REL_TITLE[1] = ['']
array REL_FIRST[1] = [1]
array REL_LAST[1] = [0]
SUBTITLE = 'AES-128, stream mode, encrypt, 1 thread, chunkbench-vm, QEMU TCG CPU version 2.5+, EMULATED, not a benchmark result'
# y ranges rounded out to decades (log axes), so that a single point is no empty range
THROUGHPUT_YRANGE = '[0.100000:1000.00]'
NS_YRANGE = '[1000.00:1.00000e+07]'
RELATIVE_YRANGE = '[1.00000:10.0000]'
HAVE_C = 1
