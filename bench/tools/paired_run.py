#!/usr/bin/env python3
"""Runs the benchmarks of issue 16's targets with every call measured right beside its floor.

usage: python3 bench/tools/paired_run.py [--rounds N] [--out DIR] [--jar JAR] [--export] [--only WORD ...] [-- JMH ARGS]

One JMH run of the whole jar measures a benchmark's forks one after another and its floor half an hour later
(JMH orders benchmarks by name: ClientBenchmark.* long before RawOtelBenchmark.*), so a machine that speeds up or
slows down over the run moves the ratio: on 3 December the same endSpan code measured 1.12 and, an hour later,
1.42, while its twin with the map measured 0.95. Here each round runs every group of a call and its floors
(TARGETS of results_table.py; calls sharing a floor are one group) as one JMH run of one fork each, so a call and
its floor are never more than a few minutes apart, and every round repeats all groups. Each group's JSON goes to
DIR/round-R-group-G.json and the console of all runs to DIR/console.log; results_table.py pools the forks:

    python3 bench/tools/results_table.py DIR/*.json DIR/console.log

--export adds the export-throughput group (ours and the raw SDK, both protocols, paced and flood) to every round,
run with the real pipeline (no discard property, no allocation profilers).
--only (repeatable) keeps the groups with a benchmark whose name contains one of the WORDs (case-sensitive:
`--only spanEvent --only startEndSpan`). Arguments after -- go to every JMH run, before
the defaults given here (the discard pipeline, 2 GiB heap, -prof gc and the worker allocation profiler).
"""
import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from results_table import TARGETS  # noqa: E402  (the one list of the targets)

PACKAGE = "io.telemetryflow.bench."
EXPORT_GROUP = ["ExportThroughputBenchmark.telemetryFlowClient", "ExportThroughputBenchmark.rawOtel"]
DEFAULT_JMH = ["-f", "1", "-prof", "gc", "-prof", PACKAGE + "WorkerAllocProfiler",
               "-jvmArgsAppend", "-Xms2g -Xmx2g -Dbench.pipeline=discard"]
# The export group measures what reaches the receiver: the real pipeline, never the discarding one.
EXPORT_JMH = ["-f", "1", "-jvmArgsAppend", "-Xms2g -Xmx2g"]


def groups(with_export):
    """The benchmarks of TARGETS in groups: a call and its floors, joined when they share a benchmark."""
    result = []
    for _label, num, floors, _bound, _bytes in TARGETS:
        group = {num, *floors}
        joined = [g for g in result if g & group]
        for g in joined:
            result.remove(g)
            group |= g
        result.append(group)
    ordered = [sorted(g) for g in result]
    if with_export:
        ordered.append(EXPORT_GROUP)
    return ordered


def main():
    argv = sys.argv[1:]
    jmh_extra = argv[argv.index("--") + 1:] if "--" in argv else []
    argv = argv[:argv.index("--")] if "--" in argv else argv
    parser = argparse.ArgumentParser(description="Each call beside its floor, fork by fork.")
    parser.add_argument("--rounds", type=int, default=5, help="forks per benchmark (one per round)")
    parser.add_argument("--out", default="bench/target/paired", help="directory for the JSON files and the console")
    parser.add_argument("--jar", default="bench/target/benchmarks.jar")
    parser.add_argument("--export", action="store_true", help="add the export-throughput group to every round")
    parser.add_argument("--only", action="append", help="keep the groups with a benchmark whose name contains this")
    args = parser.parse_args(argv)

    selected = [g for g in groups(args.export) if args.only is None or any(w in b for w in args.only for b in g)]
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "console.log"), "a") as console:
        for r in range(1, args.rounds + 1):
            for i, group in enumerate(selected, 1):
                include = "^" + PACKAGE.replace(".", r"\.") + "(" + "|".join(b.replace(".", r"\.") for b in group) + ")$"
                out = os.path.join(args.out, f"round-{r}-group-{i}.json")
                defaults = EXPORT_JMH if group == EXPORT_GROUP else DEFAULT_JMH
                command = ["java", "-jar", args.jar, *jmh_extra, *defaults, "-rf", "json", "-rff", out, include]
                print(f"round {r}/{args.rounds}, group {i}/{len(selected)}: {', '.join(group)}", flush=True)
                console.write(f"### round {r} group {i}: {' '.join(command)}\n")
                console.flush()
                done = subprocess.run(command, stdout=console, stderr=subprocess.STDOUT)
                if done.returncode != 0:
                    sys.exit(f"JMH failed (exit {done.returncode}) on round {r}, group {i}; see {console.name}")


if __name__ == "__main__":
    main()
