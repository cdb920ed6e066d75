# Where the time goes: at each chunk size one stack per native backend, each component of its time per chunk
# (harness, binding, copies, path, cipher) a box whose height is its share in percent. Negative components
# (noise) stack below 0. Data: the file `DecompositionChart` writes (its format is documented there).
# usage: gnuplot -c plots/decomposition.gp DATA_FILE OUTPUT_BASE [SUBTITLE]
#   writes OUTPUT_BASE.png and OUTPUT_BASE.svg
# Every text that comes from results (chunk labels, backend names, component titles, SUBTITLE) is read as data or
# used as a string value; nothing from the data file or the arguments is ever evaluated as a command.
if (ARGC < 2) {
    print "usage: gnuplot -c ".ARG0." DATA_FILE OUTPUT_BASE [SUBTITLE]   (writes OUTPUT_BASE.png and OUTPUT_BASE.svg)"
    exit status 2
}
DATA = ARG1
OUT = ARG2
SUBTITLE = (ARGC >= 3) ? ARG3 : ''

# blocks: 0 chunk size labels, 1 stack labels, 2 x tics (backends), 3.. one per component
stats DATA index 0 using 1 nooutput
NCHUNKS = STATS_records
stats DATA using 1 nooutput
NCOMP = STATS_blocks - 3

set style fill solid 0.85 border rgb '#333333'
set xrange [-0.6:NCHUNKS - 0.4]
set xlabel 'Backend, grouped by chunk size'
set ylabel "Share of the backend's time per chunk (%)"
set title "Where the time goes, per chunk\n".SUBTITLE noenhanced
set grid ytics lc rgb '#dddddd'
set key outside right top vertical Left reverse noenhanced
set border 3
set tics nomirror
set xtics scale 0 rotate by 30 right font ',9'
set offsets 0, 0, 0, graph 0.02
set bmargin 9
array COLOURS[6] = ['#9e9e9e', '#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#b07aa1']

do for [fmt = 1:2] {
    if (fmt == 1) {
        set terminal pngcairo size 1200,700 enhanced font 'DejaVu Sans,11'
        set output OUT.'.png'
    } else {
        set terminal svg size 1200,700 enhanced font 'DejaVu Sans,11' dynamic background rgb 'white'
        set output OUT.'.svg'
    }
    plot DATA index 2 using 1:(NaN):xtic(2) notitle, \
         for [k = 1:NCOMP] DATA index (k + 2) using 1:(($3 + $4) / 2):2:(($4 - $3) / 2) \
             with boxxyerror fc rgb COLOURS[(k - 1) % 6 + 1] title columnheader(1), \
         DATA index 1 using 1:2:3 with labels rotate by 90 left font ',9' noenhanced notitle, \
         DATA index 0 using 1:2:3 with labels font ',12' noenhanced notitle, \
         0 with lines lc rgb '#333333' lw 1 notitle
}
unset output
