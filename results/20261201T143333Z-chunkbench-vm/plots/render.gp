# Writes the chart set up by the calling script as OUT.png and OUT.svg. PLOT holds the plot command.
set terminal pngcairo size 1200,700 enhanced font 'DejaVu Sans,12' linewidth 1.2
set output OUT.'.png'
eval PLOT
set terminal svg size 1200,700 enhanced font 'DejaVu Sans,12' dynamic background rgb 'white'
set output OUT.'.svg'
eval PLOT
unset output
