# Writes the chart set up by the calling script as OUT.png and OUT.svg: NPANELS panels (see ChartPanels: one plot
# when a run has at most eight series, else one panel per combination of the other params), each drawn by the plot
# command PLOT with p the panel (1-based) and PANEL_TITLE(p) its title; MAINTITLE above them all.
COLS = (NPANELS < 2) ? 1 : (NPANELS <= 4) ? 2 : 3
ROWS = (NPANELS + COLS - 1) / COLS
WIDTH = (NPANELS < 2) ? 1200 : 720 * COLS
HEIGHT = (NPANELS < 2) ? 700 : 110 + 500 * ROWS
# several panels: each key inside its panel (the lines a panel shows are few), boxed so that no line runs through it
if (NPANELS > 1) { eval 'set key inside '.PANEL_KEY.' vertical Left reverse noenhanced samplen 2 spacing 1.0 font ",10" box opaque' }
do for [fmt = 1:2] {
    if (fmt == 1) {
        set terminal pngcairo size WIDTH,HEIGHT enhanced font 'DejaVu Sans,12' linewidth 1.2
        set output OUT.'.png'
    } else {
        set terminal svg size WIDTH,HEIGHT enhanced font 'DejaVu Sans,12' dynamic background rgb 'white'
        set output OUT.'.svg'
    }
    set multiplot layout ROWS, COLS title MAINTITLE noenhanced
    do for [p = 1:NPANELS] {
        set title PANEL_TITLE(p) noenhanced
        eval PLOT
    }
    unset multiplot
}
unset output
