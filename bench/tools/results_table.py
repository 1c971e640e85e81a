#!/usr/bin/env python3
"""Turns a JMH JSON result file (-rf json) of this bench into the Markdown tables of RESULTS.md.

usage: python3 bench/tools/results_table.py bench/target/jmh-result.json [console.log]

The console log (optional) is scanned for the EXPORT lines the throughput benchmark prints per fork.
Errors are JMH's 99.9% confidence half-widths; ratio errors are propagated to first order.
"""
import json
import math
import re
import sys


def load(path):
    rows = {}
    for r in json.load(open(path)):
        name = r["benchmark"].replace("io.telemetryflow.bench.", "")
        params = r.get("params") or {}
        key = name + ("" if not params else "[" + ",".join(f"{k}={v}" for k, v in sorted(params.items())) + "]")
        pm = r["primaryMetric"]
        row = {"score": pm["score"], "error": pm["scoreError"], "unit": pm["scoreUnit"], "mode": r["mode"]}
        for sec, m in (r.get("secondaryMetrics") or {}).items():
            row[sec] = (m["score"], m["scoreError"])
        rows[key] = row
    return rows


def fmt(v, e):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "n/a"
    if e is None or (isinstance(e, float) and math.isnan(e)):
        return f"{v:,.1f}"
    return f"{v:,.1f} ± {e:,.1f}"


def ratio(num, den_terms):
    a, ea = num
    b = sum(t[0] for t in den_terms)
    eb = math.sqrt(sum((t[1] if not math.isnan(t[1]) else 0) ** 2 for t in den_terms))
    r = a / b
    rel = math.sqrt(((ea if not math.isnan(ea) else 0) / a) ** 2 + (eb / b) ** 2)
    return r, r * rel


def main():
    rows = load(sys.argv[1])
    print("| benchmark | score | B/op (all threads, -prof gc) | B/op (caller thread) |")
    print("|---|---|---|---|")
    for k in sorted(rows):
        r = rows[k]
        gc = r.get("gc.alloc.rate.norm", (float("nan"), float("nan")))
        wk = r.get("worker.alloc.norm", (float("nan"), float("nan")))
        print(f"| `{k}` | {fmt(r['score'], r['error'])} {r['unit']} | {fmt(*gc)} | {fmt(*wk)} |")

    def s(k):
        return (rows[k]["score"], rows[k]["error"])

    def b(k, metric="worker.alloc.norm"):
        return rows[k].get(metric, (float("nan"), float("nan")))

    print()
    print("| target | measured | ratio | target | met |")
    print("|---|---|---|---|---|")
    checks = []
    try:
        r, e = ratio(s("InterceptorBenchmark.counted"), [s("InterceptorBenchmark.noopInterceptor"), s("RawOtelBenchmark.counterAdd")])
        checks.append(("`@Counted` / (no-op interceptor + raw `add`)", r, e, 1.5, r <= 1.5))
        r, e = ratio(s("InterceptorBenchmark.traced"), [s("InterceptorBenchmark.noopInterceptor"), s("RawOtelBenchmark.spanTracedEquivalent")])
        checks.append(("`@Traced` / (no-op interceptor + raw span w/ `makeCurrent`)", r, e, 1.2, r <= 1.2))
        r, e = ratio(s("InterceptorBenchmark.timed"), [s("InterceptorBenchmark.noopInterceptor"), s("RawOtelBenchmark.histogramRecord")])
        checks.append(("`@Timed` / (no-op interceptor + raw `record`) (no target)", r, e, None, None))
        r, e = ratio(s("ClientBenchmark.incrementCounter"), [s("RawOtelBenchmark.counterAddFromMap")])
        checks.append(("`incrementCounter` / raw `add` with Attributes from the same map", r, e, 2.0, r <= 2.0))
        r, e = ratio(s("ClientBenchmark.eventFireCounter"), [s("ClientBenchmark.incrementCounter")])
        checks.append(("`Event.fire(RecordCounterCommand)` / `incrementCounter` (report)", r, e, None, None))
        r, e = ratio(s("InterceptorBenchmark.counted"), [s("PeerBenchmark.smallRyeMetricsCounted")])
        checks.append(("`@Counted` / SmallRye Metrics `@Counted` (faster = < 1)", r, e, 1.0, r < 1.0))
        r, e = ratio(s("InterceptorBenchmark.traced"), [s("PeerBenchmark.smallRyeWithSpan")])
        checks.append(("`@Traced` / SmallRye `@WithSpan` (no slower = ≤ 1)", r, e, 1.0, r <= 1.0))
    except KeyError as missing:
        print(f"(missing benchmark {missing})")
    for proto in ("grpc", "http"):
        for mode in ("paced", "flood"):
            ko = f"ExportThroughputBenchmark.telemetryFlowClient[load={mode},protocol={proto}]"
            kr = f"ExportThroughputBenchmark.rawOtel[load={mode},protocol={proto}]"
            if ko in rows and kr in rows:
                r, e = ratio(s(ko), [s(kr)])
                if mode == "paced":
                    checks.append((f"export spans/s ours / raw, {proto}, paced", r, e, 0.95, r >= 0.95))
                else:
                    checks.append((f"offered spans/s ours / raw, {proto}, flood (report)", r, e, None, None))
    for name, r, e, target, met in checks:
        t = "" if target is None else (f"≥ {target}" if "export" in name else f"≤ {target}" if "faster" not in name else f"< {target}")
        m = "" if met is None else ("yes" if met else "**no**")
        print(f"| {name} | | {r:.2f} ± {e:.2f} | {t} | {m} |")

    try:
        c, n = b("InterceptorBenchmark.counted"), b("InterceptorBenchmark.noopInterceptor")
        print(f"\n@Counted extra B/op (caller thread) vs no-op interceptor: {c[0] - n[0]:.2f} (± {math.hypot(c[1], n[1]):.2f})")
        c, n = b("InterceptorBenchmark.counted", "gc.alloc.rate.norm"), b("InterceptorBenchmark.noopInterceptor", "gc.alloc.rate.norm")
        print(f"@Counted extra B/op (all threads) vs no-op interceptor: {c[0] - n[0]:.2f} (± {math.hypot(c[1], n[1]):.2f})")
        c, n = b("InterceptorBenchmark.timed"), b("InterceptorBenchmark.noopInterceptor")
        print(f"@Timed extra B/op (caller thread) vs no-op interceptor: {c[0] - n[0]:.2f} (± {math.hypot(c[1], n[1]):.2f})")
    except (KeyError, TypeError):
        pass

    if len(sys.argv) > 2:
        print()
        print("| export run (one line per fork) |")
        print("|---|")
        for line in open(sys.argv[2], errors="replace"):
            if line.startswith("EXPORT"):
                print("| " + line.strip() + " |")


if __name__ == "__main__":
    main()
