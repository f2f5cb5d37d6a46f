"""Build progress: a progress bar in a terminal, plain timestamped log lines for cron and systemd."""

from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, total: int, stream=None):
        self.stream = stream or sys.stderr
        self.total = total
        self.done = 0
        self.bar = None
        if total and self.stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, file=self.stream, unit="report", dynamic_ncols=True)

    def log(self, message: str) -> None:
        if self.bar is not None:
            self.bar.write(message, file=self.stream)
        else:
            print(f"{time.strftime('%Y-%m-%dT%H:%M:%S')} {message}", file=self.stream, flush=True)

    def advance(self, message: str) -> None:
        """One report finished."""
        self.done += 1
        if self.bar is not None:
            self.bar.update(1)
            self.bar.write(message, file=self.stream)
        else:
            self.log(f"[{self.done}/{self.total}] {message}")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
