# gnuplot -e "csv='soak.csv'; png='soak.png'; warmup=60" plot.gp
set datafile separator ","
set terminal pngcairo size 900,620 font ",9"
set output png
set multiplot layout 2,2 title "maskstream soak (x: minutes)"
set key top left
set xlabel "minutes"
set arrow 1 from first warmup/60.0, graph 0 to first warmup/60.0, graph 1 nohead dt 2 lc rgb "gray"
set title "lag: Kafka (records) and capture-to-emit latency (s, right)"
set ytics nomirror
set y2tics
plot csv using ($1/60):2 skip 1 with lines lw 2 title "pendingRecords", \
     csv using ($1/60):($11/1000) skip 1 axes x1y2 with lines lw 1 title "latency p50, slowest subtask", \
     csv using ($1/60):($12/1000) skip 1 axes x1y2 with lines lw 1 title "latency p99"
unset y2tics
set ytics mirror
set title "TaskManager memory (MB, both TaskManagers)"
plot csv using ($1/60):5 skip 1 with lines lw 2 title "RSS", \
     csv using ($1/60):4 skip 1 with lines lw 1 title "heap used"
set title "durable state (KB)"
set ytics nomirror
set y2tics
plot csv using ($1/60):($10/1024) skip 1 with lines lw 2 title "all streams (checkpoint full size)", \
     csv using ($1/60):($6/1024) skip 1 axes x1y2 with lines lw 1 title "one stream, sampled (right)"
unset y2tics
set ytics mirror
set title "last completed checkpoint"
set ytics nomirror
set y2tics
plot csv using ($1/60):7 skip 1 with lines lw 2 title "duration (ms)", \
     csv using ($1/60):($8/1024) skip 1 axes x1y2 with lines lw 1 title "size (KB, right)"
unset multiplot
