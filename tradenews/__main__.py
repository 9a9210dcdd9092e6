"""Command line: ``python -m tradenews <command> ...`` (also the ``tradenews`` script).

Each command lives in its own module, which exposes ``main(argv) -> int``.
"""

from __future__ import annotations

import importlib
import sys

COMMANDS = {
    "notebooks": ("tradenews.pipeline.runner", "execute the notebooks (on another corpus: into a new folder)"),
    "eval": ("tradenews.evaluate.evaluation", "measure quote and tariff extraction against gold annotations"),
    "report": ("tradenews.pipeline.report", "write figures, tables and an HTML report for a corpus"),
    "eval-reuse": ("tradenews.evaluate.reuse", "average precision of reuse on planted copies, basil-dev, seeds"),
    "check": ("tradenews.pipeline.check", "load a corpus and list what to know before analysing it"),
}


def _usage() -> str:
    lines = ["usage: tradenews <command> [options]", "       tradenews --version", "", "commands:"]
    lines += [f"  {name:<10} {help_}" for name, (_, help_) in COMMANDS.items()]
    lines += ["", "Run 'tradenews <command> --help' for a command's options."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in {"-V", "--version"}:
        from tradenews import __version__

        print(f"tradenews {__version__}")
        return 0
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(_usage())
        return 0
    if argv[0] not in COMMANDS:
        print(f"tradenews: unknown command {argv[0]!r} (commands: {', '.join(COMMANDS)})", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[argv[0]][0])
    return int(module.main(argv[1:]) or 0)


if __name__ == "__main__":
    sys.exit(main())
