"""Time and peak memory of sealing and opening one bundle with a 10 MB body.

    .venv/bin/python -m benchmarks.bench_bundles [--runs 5] [--mb 10]

Each run is a fresh process that makes two station keys and a random body (which age cannot
compress, the worst case), then seals or opens once. Peak memory is the process's peak
resident set (pyrage allocates in Rust, out of tracemalloc's sight) minus its resident set
just before the operation, when the body (and, to open, the bundle) is already in memory.
Prints medians.
"""

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile

CHILD = """
import json, os, resource, sys, time
from pathlib import Path
from models.exchange import create_station_key, make_header, open_bundle, seal
folder, size, what = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
a = create_station_key(folder / "a", "CA-SC")
b = create_station_key(folder / "b", "CA-QN")
body = os.urandom(size)
header = make_header(a, "CA-QN", b.public_key_line, 1)
bundle = seal(body, header, a, b.public_key_line) if what == "open" else b""
rss = lambda: int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
before = rss()
start = time.perf_counter()
if what == "seal":
    out = seal(body, header, a, b.public_key_line)
    size_out = len(out)
else:
    opened = open_bundle(bundle, b, {"CA-SC": a.public_key_line}, last_applied={})[1]
    assert opened == body
    size_out = len(bundle)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": seconds, "extra": peak - before, "file": size_out}))
"""


def measure(what: str, size: int, runs: int) -> tuple[float, float, int]:
    seconds, extra, file_size = [], [], 0
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            result = subprocess.run(
                [sys.executable, "-c", CHILD, folder, str(size), what],
                capture_output=True,
                text=True,
                check=True,
            )
        numbers = json.loads(result.stdout)
        seconds.append(numbers["seconds"])
        extra.append(numbers["extra"] / 2**20)
        file_size = numbers["file"]
    return statistics.median(seconds), statistics.median(extra), file_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--mb", type=int, default=10)
    arguments = parser.parse_args()
    size = arguments.mb * 1_000_000
    print(f"{platform.python_implementation()} {platform.python_version()}, body {size} bytes")
    for what in ("seal", "open"):
        seconds, extra, file_size = measure(what, size, arguments.runs)
        print(f"{what}: {seconds * 1000:.0f} ms, peak +{extra:.0f} MiB, bundle {file_size} bytes")


if __name__ == "__main__":
    main()
