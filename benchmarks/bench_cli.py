"""Time and peak memory of `giapranh demo` and `giapranh report`, as an operator runs them.

    .venv/bin/python -m benchmarks.bench_cli [--runs 7] [--cases 100000]

Each command runs as a fresh process under /usr/bin/time; prints the median wall time and the
median peak resident memory. Builds its databases in a temporary folder.
"""

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

GIAPRANH = [sys.executable, "-m", "tui"]


def measure(args: list[str], runs: int) -> tuple[float, float]:
    """(median seconds, median peak RSS in MiB) of `giapranh *args` over `runs` runs."""
    times, memory = [], []
    for _ in range(runs):
        result = subprocess.run(
            ["/usr/bin/time", "-f", "%e %M", *GIAPRANH, *args],
            capture_output=True,
            text=True,
            check=True,
        )
        seconds, kib = result.stderr.strip().splitlines()[-1].split()
        times.append(float(seconds))
        memory.append(int(kib) / 1024)
    return statistics.median(times), statistics.median(memory)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cases", type=int, default=100_000)
    options = parser.parse_args()
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; median of {options.runs} runs"
    )
    with tempfile.TemporaryDirectory() as folder:
        demo_db = str(Path(folder) / "demo.sqlite")
        seconds, mib = measure(["demo", "--db", demo_db, "--force"], options.runs)
        print(f"giapranh demo                     {seconds:6.2f} s  {mib:6.1f} MiB peak")
        period = ["--from", "2017-01-01", "--to", "2017-12-31"]
        for output in ("text", "json"):
            seconds, mib = measure(
                ["report", "--db", demo_db, *period, "--format", output], options.runs
            )
            print(f"giapranh report (demo, {output})    {seconds:6.2f} s  {mib:6.1f} MiB peak")
        big_db = str(Path(folder) / "big.sqlite")
        subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.synthetic",
                "--db",
                big_db,
                "--cases",
                str(options.cases),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        year = period
        for label, period in (
            ("one year", year),
            ("ten years", ["--from", "2015-01-01", "--to", "2024-12-31"]),
        ):
            seconds, mib = measure(
                ["report", "--db", big_db, *period, "--format", "json"], options.runs
            )
            print(
                f"giapranh report ({options.cases} cases, {label:9}) {seconds:6.2f} s  "
                f"{mib:6.1f} MiB peak"
            )
        seconds, mib = measure(["--version"], options.runs)
        print(f"giapranh --version (start-up floor) {seconds:6.2f} s  {mib:6.1f} MiB peak")


if __name__ == "__main__":
    main()
