#!/usr/bin/env python3
"""Soak helpers (standard library only).

  sample.py sample   --rest URL --job ID --prom-ports 9250,9251 --pids F1,F2 --interval S --seconds N --csv FILE
  sample.py evaluate --csv FILE --warmup-seconds W --max-lag N --tolerance 0.10

`sample` writes one CSV row every S seconds: elapsed seconds, consumer lag of the frames source
(Flink's pendingRecords), frames processed, TaskManager heap used and RSS, the durable state of one
stream (the job's durableStateBytesLastStream gauge, sampled), the last completed checkpoint's
duration, incremental size and full size (the whole durable state; REST /jobs/<id>/checkpoints),
and the capture-to-emit latency (p50, p99) of the slowest subtask. Metrics come from the
Prometheus ports of the given TaskManager PIDs only.
`evaluate` prints the figures and exits 1 when lag is not bounded, latency grows, or heap, RSS or
the whole durable state is not flat.
"""
import argparse
import json
import os
import re
import sys
import time
import urllib.request

COLUMNS = ["elapsed_s", "lag_records", "frames_in", "heap_mb", "rss_mb", "state_bytes",
           "checkpoint_ms", "checkpoint_bytes", "job_state", "durable_state_bytes", "latency_p50_ms", "latency_p99_ms"]


def get(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.read().decode("utf-8")


def prometheus(ports):
    """All metric lines of the TaskManagers' Prometheus endpoints."""
    lines = []
    for p in ports:
        try:
            lines += [l for l in get("http://127.0.0.1:%s/metrics" % p).splitlines() if l and not l.startswith("#")]
        except Exception:
            pass
    return lines


def values(lines, name, must=(), must_not=()):
    out = []
    for l in lines:
        m = re.match(r"^([A-Za-z_:][A-Za-z0-9_:]*)(\{.*\})?\s+(\S+)$", l)
        if not m or not m.group(1).endswith(name):
            continue
        labels = m.group(2) or ""
        if all(s in labels for s in must) and not any(s in labels for s in must_not):
            try:
                v = float(m.group(3))
            except ValueError:
                continue
            if v == v and abs(v) != float("inf"):  # a histogram with no samples yet reports NaN
                out.append(v)
    return out


def listening_ports(pid):
    """TCP ports the process listens on: its socket inodes matched against /proc/net/tcp{,6}."""
    inodes = set()
    try:
        for fd in os.listdir("/proc/%s/fd" % pid):
            try:
                link = os.readlink("/proc/%s/fd/%s" % (pid, fd))
            except OSError:
                continue
            if link.startswith("socket:["):
                inodes.add(link[8:-1])
    except OSError:
        return set()
    ports = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            for line in open(table).readlines()[1:]:
                f = line.split()
                if f[3] == "0A" and f[9] in inodes:  # 0A: LISTEN
                    ports.add(int(f[1].rsplit(":", 1)[1], 16))
        except OSError:
            pass
    return ports


def taskmanager_prom_ports(pid_files, candidates):
    """The Prometheus ports of these TaskManagers only (another cluster on the host may hold others
    of the 9249-9260 range); the whole candidate list when the PIDs cannot be read."""
    found = set()
    for f in pid_files:
        try:
            found |= listening_ports(open(f).read().strip()) & set(int(c) for c in candidates)
        except OSError:
            pass
    return sorted(found) or candidates


def rss_mb(pid_files):
    total = 0.0
    for f in pid_files:
        try:
            pid = open(f).read().strip()
            for line in open("/proc/%s/status" % pid):
                if line.startswith("VmRSS:"):
                    total += float(line.split()[1]) / 1024.0
        except Exception:
            pass
    return total


def sample(a):
    ports = a.prom_ports.split(",")
    pids = a.pids.split(",")
    start = time.time()
    with open(a.csv, "w") as out:
        out.write(",".join(COLUMNS) + "\n")
        while time.time() - start < a.seconds:
            t0 = time.time()
            lines = prometheus(taskmanager_prom_ports(pids, ports))
            job = 'job_id="%s"' % a.job
            lag = sum(values(lines, "_pendingRecords", must=("frames", job)))
            frames_in = sum(values(lines, "_framesIn", must=(job,), must_not=("stream=",)))
            heap = sum(values(lines, "taskmanager_Status_JVM_Memory_Heap_Used"))
            state = max(values(lines, "_durableStateBytesLastStream", must=(job,)) or [0])
            # Capture-to-emit latency of the slowest subtask (its last 1000 frames). It includes the
            # confirmation delay (T frames at the replay rate); its growth is a backlog the lag above
            # cannot show: frames the source has read but the tracker has not processed yet.
            p50 = max(values(lines, "_captureToEmitLatencyMs", must=(job, 'quantile="0.5"')) or [0])
            p99 = max(values(lines, "_captureToEmitLatencyMs", must=(job, 'quantile="0.99"')) or [0])
            ck_ms, ck_bytes, state_name, durable = "", "", "", ""
            try:
                ck = json.loads(get("%s/jobs/%s/checkpoints" % (a.rest, a.job)))
                done = (ck.get("latest") or {}).get("completed") or {}
                ck_ms = done.get("end_to_end_duration", "")
                ck_bytes = done.get("checkpointed_size", done.get("state_size", ""))
                durable = done.get("state_size", "")  # the whole durable state (all streams), not the increment
                state_name = json.loads(get("%s/jobs/%s" % (a.rest, a.job))).get("state", "")
            except Exception:
                pass
            row = [round(t0 - start, 1), int(lag), int(frames_in), round(heap / 2**20, 1), round(rss_mb(pids), 1),
                   int(state), ck_ms, ck_bytes, state_name, durable, int(p50), int(p99)]
            out.write(",".join(str(v) for v in row) + "\n")
            out.flush()
            time.sleep(max(0.0, a.interval - (time.time() - t0)))


def mean(xs):
    return sum(xs) / len(xs) if xs else float("nan")


def evaluate(a):
    rows = []
    with open(a.csv) as f:
        header = f.readline().strip().split(",")
        for line in f:
            d = dict(zip(header, line.strip().split(",")))
            rows.append(d)
    num = lambda r, k: float(r[k]) if r.get(k) not in (None, "") else None
    steady = [r for r in rows if float(r["elapsed_s"]) >= a.warmup_seconds]
    if len(steady) < 4:
        print("soak: too few samples after warm-up (%d)" % len(steady))
        return 1
    half = len(steady) // 2
    first, second = steady[:half], steady[half:]
    ok = True
    print("soak: %d samples, %d after a warm-up of %.0f s" % (len(rows), len(steady), a.warmup_seconds))
    lags = [num(r, "lag_records") for r in steady]
    lag_first, lag_second = mean(lags[:half]), mean(lags[half:])
    lag_ok = max(lags) <= a.max_lag and lag_second <= lag_first + a.max_lag / 10
    ok &= lag_ok
    print("  lag (records): max %d, mean first half %.1f, second half %.1f, limit %d -> %s"
          % (max(lags), lag_first, lag_second, a.max_lag, "bounded" if lag_ok else "NOT BOUNDED"))
    # The verdict's state is the whole durable state of the job (the last completed checkpoint's full
    # size). The one-stream gauge is reported only: it is the size of whichever stream passed a
    # 30-frame sampling point last, so its mean depends on which scenes were sampled, not on leaks.
    for key, label, judged in (("heap_mb", "heap used (MB)", True), ("rss_mb", "TaskManager RSS (MB)", True),
                               ("durable_state_bytes", "durable state, all streams (bytes)", True),
                               ("state_bytes", "durable state of one stream, sampled (bytes)", False)):
        f = mean([num(r, key) for r in first if num(r, key) is not None])
        s = mean([num(r, key) for r in second if num(r, key) is not None])
        change = (s - f) / f if f else float("nan")
        flat = abs(change) <= a.tolerance
        if judged:
            ok &= flat
        print("  %s: mean first half %.1f, second half %.1f, change %+.1f %% -> %s"
              % (label, f, s, 100 * change, ("flat" if flat else "NOT FLAT") if judged else "(not judged)"))
    lat = [(num(r, "latency_p50_ms"), i < half) for i, r in enumerate(steady) if num(r, "latency_p50_ms")]
    if lat:
        f = mean([x for x, first_half in lat if first_half])
        s = mean([x for x, first_half in lat if not first_half])
        grows = s > f * (1 + a.tolerance)
        ok &= not grows
        print("  capture-to-emit latency p50, slowest subtask (ms): mean first half %.0f, second half %.0f, "
              "change %+.1f %% -> %s" % (f, s, 100 * (s - f) / f if f else float("nan"), "GROWS" if grows else "bounded"))
    cks = [num(r, "checkpoint_ms") for r in steady if num(r, "checkpoint_ms") is not None]
    if cks:
        print("  checkpoint duration (ms): mean %.0f, max %.0f" % (mean(cks), max(cks)))
    fr = [num(r, "frames_in") for r in rows]
    span = float(rows[-1]["elapsed_s"]) - float(rows[0]["elapsed_s"])
    if span > 0:
        print("  frames processed: %d (%.1f per second)" % (fr[-1] - fr[0], (fr[-1] - fr[0]) / span))
    print("soak: %s" % ("PASSED" if ok else "FAILED"))
    return 0 if ok else 1


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("--rest", required=True)
    s.add_argument("--job", required=True)
    s.add_argument("--prom-ports", default=",".join(str(p) for p in range(9249, 9261)))
    s.add_argument("--pids", required=True)
    s.add_argument("--interval", type=float, default=5)
    s.add_argument("--seconds", type=float, required=True)
    s.add_argument("--csv", required=True)
    e = sub.add_parser("evaluate")
    e.add_argument("--csv", required=True)
    e.add_argument("--warmup-seconds", type=float, default=60)
    e.add_argument("--max-lag", type=float, default=300)
    e.add_argument("--tolerance", type=float, default=0.10)
    a = p.parse_args()
    if a.cmd == "sample":
        sample(a)
        return 0
    return evaluate(a)


if __name__ == "__main__":
    sys.exit(main())
