"""Command line: ``python -m tradenews <command> ...`` (also the ``tradenews`` script).

Each command lives in its own module, which exposes ``main(argv) -> int``.
"""

from __future__ import annotations

import importlib
import sys

COMMANDS = {
    "notebooks": ("tradenews.pipeline.runner", "re-execute notebooks in place (default: all of notebooks/)"),
    "eval": ("tradenews.evaluate.evaluation", "measure quote and tariff extraction against gold annotations"),
    "report": ("tradenews.pipeline.report", "write figures, tables and an HTML report for a corpus"),
    "eval-reuse": ("tradenews.evaluate.reuse", "average precision of reuse on planted copies, basil-dev, seeds"),
    "check": ("tradenews.pipeline.check", "load a corpus and list what to know before analysing it"),
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help"} or argv[0] not in COMMANDS:
        print("usage: tradenews <command> [options]\n\ncommands:")
        for name, (_, help_) in COMMANDS.items():
            print(f"  {name:<10} {help_}")
        return 0 if not argv or argv[0] in {"-h", "--help"} else 2
    module = importlib.import_module(COMMANDS[argv[0]][0])
    return int(module.main(argv[1:]) or 0)


if __name__ == "__main__":
    sys.exit(main())
