#!/usr/bin/env python3
"""Turns JMH JSON result files (-rf json) of this bench into the Markdown tables of RESULTS.md.

usage: python3 bench/tools/results_table.py RESULT.json [MORE.json ...] [console.log]

Several JSON files are merged: a benchmark found in more than one (paired_run.py writes one file per fork and
group) has its forks pooled, and its score and error recomputed as JMH computes them. A
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


PRIMARY = "primary"  # the key of a benchmark's primary metric among its secondary ones


def load(paths):
    """Rows by benchmark key. A benchmark found in several files is one benchmark measured in several JMH runs
    (paired_run.py runs each fork on its own beside its floor): its forks are pooled and its score and error
    recomputed from the pooled iterations as JMH computes them (mean; Student t 99.9 % half-width)."""
    forks = {}  # key -> metric -> list of per-fork iteration lists
    units = {}
    for path in paths:
        for r in json.load(open(path)):
            name = r["benchmark"].replace("io.telemetryflow.bench.", "")
            params = r.get("params") or {}
            key = name + ("" if not params else "[" + ",".join(f"{k}={v}" for k, v in sorted(params.items())) + "]")
            metrics = {PRIMARY: r["primaryMetric"], **(r.get("secondaryMetrics") or {})}
            for metric, m in metrics.items():
                forks.setdefault(key, {}).setdefault(metric, []).extend(m.get("rawData") or [])
                units.setdefault(key, {})[metric] = m["scoreUnit"]
    rows = {}
    for key, metrics in forks.items():
        row = {}
        for metric, data in metrics.items():
            score, error = pooled(data)
            if metric == PRIMARY:
                row.update(score=score, error=error, unit=units[key][metric],
                           forks=[statistics.fmean(f) for f in data if f])
            else:
                row[metric] = (score, error)
        rows[key] = row
    return rows


def pooled(forks):
    """JMH's score and 99.9 % error over every iteration of every fork: the mean and t(0.9995, n-1)·s/√n."""
    values = [v for f in forks for v in f]
    if not values:
        return float("nan"), float("nan")
    if len(values) < 2:
        return values[0], float("nan")
    return statistics.fmean(values), t_quantile(0.9995, len(values) - 1) * statistics.stdev(values) / math.sqrt(len(values))


def t_quantile(p, dof):
    """The p-quantile (p > 0.5) of Student's t with dof degrees of freedom, by bisection of its CDF."""
    lo, hi = 0.0, 1e4
    for _ in range(200):
        mid = (lo + hi) / 2
        if 1 - 0.5 * incomplete_beta(dof / 2, 0.5, dof / (dof + mid * mid)) < p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def incomplete_beta(a, b, x):
    """The regularized incomplete beta function I_x(a, b), by its continued fraction (Lentz's method)."""
    if x <= 0 or x >= 1:
        return 0.0 if x <= 0 else 1.0
    if x > (a + 1) / (a + b + 2):  # the continued fraction converges fast below this point: use the symmetry
        return 1 - incomplete_beta(b, a, 1 - x)
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1 - x))
    tiny = 1e-300
    c, d = 1.0, 1 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        for num in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
                    -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
            d = 1 + num * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + num / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
    return front * h / a


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
