#!/usr/bin/env python3
"""Turns JMH JSON result files (-rf json) of this bench into the Markdown tables of RESULTS.md.

usage: python3 bench/tools/results_table.py RESULT.json [MORE.json ...] [console.log]

Several JSON files are merged (a benchmark in a later file replaces the same one in an earlier file). A
trailing non-JSON argument is a console log, scanned for the EXPORT lines the throughput benchmark prints per
fork. Errors are JMH's 99.9% confidence half-widths; ratio errors are propagated to first order (relative
errors in quadrature). The targets are those of issue 16, written once, in TARGETS and EXPORT_TARGETS below.
"""
import json
import math
import statistics
import sys

# (label, numerator, floor terms summed, bound on the ratio, bound on the extra B/op over the floor or None)
# The floor of every client call is its raw-SDK equivalent built from the same Map (RawOtelBenchmark.*FromMap);
# of each interceptor the hand-written interceptor doing the raw SDK's work on the same call path (handSpan,
# handTimer, handCounter).
TARGETS = [
    ("`incrementCounter` / `counterAddFromMap`", "ClientBenchmark.incrementCounter", ["RawOtelBenchmark.counterAddFromMap"], 1.3, 64),
    ("`recordGauge` / `gaugeSetFromMap`", "ClientBenchmark.recordGauge", ["RawOtelBenchmark.gaugeSetFromMap"], 1.3, 64),
    ("`recordMetric` / `gaugeSetFromMap`", "ClientBenchmark.recordMetric", ["RawOtelBenchmark.gaugeSetFromMap"], 1.3, 64),
    ("`recordHistogram` / `histogramRecordFromMap`", "ClientBenchmark.recordHistogram", ["RawOtelBenchmark.histogramRecordFromMap"], 1.3, 64),
    ("`logInfo` / `logEmitFromMap`", "ClientBenchmark.logInfo", ["RawOtelBenchmark.logEmitFromMap"], 1.3, 64),
    ("`span` / `span`", "ClientBenchmark.span", ["RawOtelBenchmark.span"], 1.3, 64),
    ("`endSpan(startSpan)` / `startEndSpan`", "ClientBenchmark.startEndSpan", ["RawOtelBenchmark.startEndSpan"], 1.3, 64),
    ("the same, 2 threads (report)", "ClientBenchmark.startEndSpanTwoThreads", ["RawOtelBenchmark.startEndSpanTwoThreads"], None, None),
    ("with the map / `startEndSpanFromMap`", "ClientBenchmark.startEndSpanWithMap", ["RawOtelBenchmark.startEndSpanFromMap"], 1.3, 64),
    ("`addSpanEvent` / `spanEventFromMap`", "ClientBenchmark.spanEvent", ["RawOtelBenchmark.spanEventFromMap"], 1.3, 64),
    ("`Event.fire(RecordCounterCommand)` / `incrementCounter` (report)", "ClientBenchmark.eventFireCounter", ["ClientBenchmark.incrementCounter"], None, None),
    ("`@Traced` / `handSpan`", "InterceptorBenchmark.traced", ["InterceptorBenchmark.handSpan"], 1.15, 0),
    ("`@Timed` / `handTimer`", "InterceptorBenchmark.timed", ["InterceptorBenchmark.handTimer"], 1.3, 0),
    ("`@Counted` / `handCounter`", "InterceptorBenchmark.counted", ["InterceptorBenchmark.handCounter"], 1.3, 0),
    ("`@Counted` / (`noopInterceptor` + `counterAdd`) (report: the floor before `handCounter`)", "InterceptorBenchmark.counted", ["InterceptorBenchmark.noopInterceptor", "RawOtelBenchmark.counterAdd"], None, None),
    ("`@Counted` / SmallRye Metrics `@Counted` (report)", "InterceptorBenchmark.counted", ["PeerBenchmark.smallRyeMetricsCounted"], None, None),
    ("`@Traced` / SmallRye `@WithSpan` (report)", "InterceptorBenchmark.traced", ["PeerBenchmark.smallRyeWithSpan"], None, None),
]

# (label, numerator, denominator, lower bound or None) over ExportThroughputBenchmark rows.
OURS = "ExportThroughputBenchmark.telemetryFlowClient[{p}load={load},protocol={proto}]"
RAW = "ExportThroughputBenchmark.rawOtel[{p}load={load},protocol={proto}]"
EXPORT_TARGETS = [
    ("ours gRPC / ours HTTP, paced", OURS, "grpc", OURS, "http", "paced", 0.9),
    ("ours gRPC / raw gRPC, paced (the raw SDK's OkHttp sender: the stalled rate of the issue)", OURS, "grpc", RAW, "grpc", "paced", 10.0),
    ("ours HTTP / raw HTTP, paced (HTTP not worse)", OURS, "http", RAW, "http", "paced", None),
    ("ours gRPC / ours HTTP, flood (report)", OURS, "grpc", OURS, "http", "flood", None),
]


def load(paths):
    rows = {}
    for path in paths:
        for r in json.load(open(path)):
            name = r["benchmark"].replace("io.telemetryflow.bench.", "")
            params = r.get("params") or {}
            key = name + ("" if not params else "[" + ",".join(f"{k}={v}" for k, v in sorted(params.items())) + "]")
            pm = r["primaryMetric"]
            row = {"score": pm["score"], "error": pm["scoreError"], "unit": pm["scoreUnit"],
                   "forks": [statistics.fmean(f) for f in pm.get("rawData") or []]}
            for sec, m in (r.get("secondaryMetrics") or {}).items():
                row[sec] = (m["score"], m["scoreError"])
            rows[key] = row
    return rows


def nan(x):
    return x is None or (isinstance(x, float) and math.isnan(x))


def fmt(v, e):
    if nan(v):
        return "n/a"
    return f"{v:,.1f}" if nan(e) else f"{v:,.1f} ± {e:,.1f}"


def ratio(num, den_terms):
    a, ea = num
    b = sum(t[0] for t in den_terms)
    eb = math.sqrt(sum((0 if nan(t[1]) else t[1]) ** 2 for t in den_terms))
    r = a / b
    return r, r * math.sqrt(((0 if nan(ea) else ea) / a) ** 2 + (eb / b) ** 2)


def main():
    args = sys.argv[1:]
    log = args.pop() if args and not args[-1].endswith(".json") else None
    rows = load(args)

    def s(k):
        return rows[k]["score"], rows[k]["error"]

    def alloc(k):
        return rows[k].get("worker.alloc.norm", (float("nan"), float("nan")))

    print("| benchmark | score | per fork | B/op (all threads, -prof gc) | B/op (caller thread) |")
    print("|---|---|---|---|---|")
    for k in sorted(rows):
        r = rows[k]
        forks = " / ".join(f"{f:,.0f}" for f in r["forks"])
        gc = r.get("gc.alloc.rate.norm", (float("nan"), float("nan")))
        print(f"| `{k}` | {fmt(r['score'], r['error'])} {r['unit']} | {forks} | {fmt(*gc)} | {fmt(*alloc(k))} |")

    print()
    print("| call / floor | ratio | B/op over the floor | target | met |")
    print("|---|---|---|---|---|")
    for label, num, floor, bound, bytes_bound in TARGETS:
        if num not in rows or any(f not in rows for f in floor):
            continue
        r, e = ratio(s(num), [s(f) for f in floor])
        # B/op over the call's own floor (the first term), not the no-op interceptor's; met within its error (≥ 1 B)
        extra = alloc(num)[0] - alloc(floor[0])[0]
        extra_error = max(1.0, math.hypot(alloc(num)[1], alloc(floor[0])[1]))
        target = "report" if bound is None else f"≤ {bound}" + ("" if bytes_bound is None else f", ≤ +{bytes_bound} B")
        bytes_met = bytes_bound is None or nan(extra) or extra <= bytes_bound + extra_error
        met = "" if bound is None else ("✔" if r <= bound and bytes_met else "✘")
        print(f"| {label} | {r:.2f} ± {e:.2f} | {'n/a' if nan(extra) else f'{extra:+.0f}'} | {target} | {met} |")

    params = {k[k.index("[") + 1:].split("load=")[0] for k in rows if k.startswith("ExportThroughputBenchmark")}
    for p in sorted(params):
        for label, num, num_proto, den, den_proto, load_, bound in EXPORT_TARGETS:
            kn, kd = num.format(p=p, load=load_, proto=num_proto), den.format(p=p, load=load_, proto=den_proto)
            if kn in rows and kd in rows:
                r, e = ratio(s(kn), [s(kd)])
                met = "" if bound is None else ("✔" if r >= bound else "✘")
                target = "report" if bound is None else f"≥ {bound}"
                print(f"| {label}{' ' + p.rstrip(',') if p else ''} | {r:.2f} ± {e:.2f} | | {target} | {met} |")

    if log:
        print()
        print("| export run (one line per fork) |")
        print("|---|")
        for line in open(log, errors="replace"):
            if line.startswith("EXPORT"):
                print("| " + line.strip() + " |")


if __name__ == "__main__":
    main()
