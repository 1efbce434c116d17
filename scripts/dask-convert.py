#!/usr/bin/env python3
"""Convert a partitioned table through dvhc on a Dask cluster.

Every partition (one input file without a header line, or with --blocksize
a block of whole lines of one) is piped through one `dvhc convert` process, a
standard-input to standard-output filter; the converted partitions are
written, in order, to OUT_DIR/part-00000, -00001, …
With --check the script also runs dvhc once over all the partitions put
together and compares the two results row by row (exit status 1 if they
differ). The note of a broken row names the row and line within its
partition ("row 2 (line 2)"), which a partition cannot know otherwise: the
check reads such references as equal.

Usage:
  scripts/dask-convert.py [--workers N] [--scheduler ADDRESS] [--dvhc PATH]
                          [--blocksize BYTES] [--check] OUT_DIR PART... -- DVHC_ARGS...

Example (TSV partitions, the address in the second column):
  scripts/dask-convert.py --check out/ parts/part-*.tsv -- \
      convert --format tsv --no-header --column 2 --quiet

Without --scheduler it starts a LocalCluster of N worker processes (default
2) with one thread each. --blocksize splits the files at line ends: safe for
TSV and JSONL (one record a line), and for CSV without quoted line breaks.
Needs Dask distributed (Debian: python3-distributed).
"""

import argparse
import glob
import os
import re
import subprocess
import sys
import time

import dask
import dask.bag as db
from dask.bytes import read_bytes
from dask.distributed import Client, LocalCluster


def pipe(data, cmd):
    """Runs cmd with the partition's bytes on standard input; returns its
    output as a list of one bytes element (none for an empty output)."""
    p = subprocess.run(cmd, input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise RuntimeError("%s: exit status %d: %s" % (" ".join(cmd), p.returncode,
                                                      p.stderr.decode("utf-8", "replace").strip()))
    return [p.stdout] if p.stdout else []


ROWREF = re.compile(rb"\brow \d+ \(line \d+\)")


def main():
    argv = sys.argv[1:]
    if "--" not in argv:
        sys.exit("dask-convert: give the dvhc arguments after --")
    cut = argv.index("--")
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workers", type=int, default=2, help="worker processes of the local cluster")
    ap.add_argument("--scheduler", help="address of a running Dask scheduler instead of a local cluster")
    ap.add_argument("--dvhc", default="dvhc", help="the dvhc binary (default: dvhc on PATH)")
    ap.add_argument("--blocksize", type=int, help="split the files into blocks of about this many bytes, at line ends")
    ap.add_argument("--check", action="store_true", help="compare with one dvhc process over all partitions")
    ap.add_argument("out_dir")
    ap.add_argument("parts", nargs="+")
    args = ap.parse_args(argv[:cut])
    cmd = [os.path.abspath(args.dvhc) if os.sep in args.dvhc else args.dvhc] + argv[cut + 1:]
    parts = sorted(p for pat in args.parts for p in (glob.glob(pat) or [pat]))
    os.makedirs(args.out_dir, exist_ok=True)

    t0 = time.perf_counter()
    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
        where = "scheduler %s" % args.scheduler
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
        where = "LocalCluster of %d workers" % args.workers
    t1 = time.perf_counter()
    # The partitions as bytes: whole files, or blocks ending at a line end.
    _, blocks = read_bytes(parts, delimiter=b"\n", blocksize=args.blocksize, sample=False)
    blocks = [b for file_blocks in blocks for b in file_blocks]
    out = db.from_delayed([dask.delayed(pipe)(b, cmd) for b in blocks])
    out.to_textfiles(os.path.join(args.out_dir, "part-*"), name_function=lambda i: "%05d" % i,
                     encoding=None)
    t2 = time.perf_counter()
    outs = [os.path.join(args.out_dir, "part-%05d" % i) for i in range(len(blocks))]
    rows = 0
    for o in outs:
        with open(o, "rb") as f:
            rows += f.read().count(b"\n")
    print("dask: %d partitions on a %s (started in %.2f s): %d rows in %.2f s (%.0f rows/s)"
          % (len(blocks), where, t1 - t0, rows, t2 - t1, rows / (t2 - t1)))
    client.close()
    if cluster is not None:
        cluster.close()
    if not args.check:
        return 0

    data = b"".join(open(p, "rb").read() for p in parts)
    t3 = time.perf_counter()
    single = subprocess.run(cmd, input=data, stdout=subprocess.PIPE, check=True).stdout
    t4 = time.perf_counter()
    print("single process: %d rows in %.2f s (%.0f rows/s)"
          % (single.count(b"\n"), t4 - t3, single.count(b"\n") / (t4 - t3)))
    got = b"".join(open(o, "rb").read() for o in outs).split(b"\n")
    want = single.split(b"\n")
    renumbered = 0
    for i, (g, w) in enumerate(zip(got, want)):
        if g != w and ROWREF.sub(b"row N (line N)", g) == ROWREF.sub(b"row N (line N)", w):
            renumbered += 1
        elif g != w:
            print("check: row %d differs:\n dask:   %r\n single: %r" % (i + 1, g, w))
            return 1
    if len(got) != len(want):
        print("check: dask gave %d rows, one process %d" % (len(got) - 1, len(want) - 1))
        return 1
    print("check: the %d rows are identical, in the same order (%d broken rows name their row within the partition)"
          % (len(want) - 1, renumbered))
    return 0


if __name__ == "__main__":
    sys.exit(main())
