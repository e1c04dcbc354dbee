# Draws deploy/local/chaos.sh soak's CSV: lag, latencies and memory per minute, one panel each.
#   gnuplot -e "csv='docs/soak/soak.csv'; svg='docs/soak/soak.svg'" deploy/local/soak.gp
set datafile separator ","
set terminal svg size 900,1000 dynamic font "sans,11" background rgb "white"
set output svg
set multiplot layout 3,1 title "Soak: steady load, retentions shortened (deploy/local/chaos.sh soak)"
set grid
set key outside right top
set xlabel "minute"
set xrange [0:*]

set title "journey-service's consumer lag (largest per minute)"
set ylabel "events"
set yrange [0:*]
plot csv using (column("minute")):(column("lag_max")) with linespoints title "lag"

set title "p99 latency per minute"
set ylabel "ms"
set logscale y
set yrange [1:*]
plot csv using (column("minute")):(column("e2e_p99_ms")) with linespoints title "event → timeline", \
     csv using (column("minute")):(column("timeline_p99_ms")) with linespoints title "GET timeline", \
     csv using (column("minute")):(column("journey_p99_ms")) with linespoints title "GET journey"
unset logscale y

set title "memory per process (RSS; heap = live after a full GC)"
set ylabel "MiB"
set yrange [0:*]
plot csv using (column("minute")):(column("rss_mib_journey-service")) with lines lw 2 title "journey RSS", \
     csv using (column("minute")):(column("rss_mib_survey-service")) with lines title "survey RSS", \
     csv using (column("minute")):(column("rss_mib_education-service")) with lines title "education RSS", \
     csv using (column("minute")):(column("rss_mib_feedback-service")) with lines title "feedback RSS", \
     csv using (column("minute")):(column("rss_mib_console")) with lines title "console RSS", \
     csv using (column("minute")):(column("rss_mib_kafka")) with lines title "kafka RSS", \
     csv using (column("minute")):(column("heap_live_mib_journey-service")) with lines dt 2 lw 2 title "journey heap"
unset multiplot
