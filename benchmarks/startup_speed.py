"""How long a command takes from a fresh process (issue 16's start-up goals), and where it goes.

Runs each command as N fresh processes and prints the median and the minimum of their wall
clock and CPU times, against the goal and net of the interpreter's own start
(``python -c pass``); then a docxtpl process writing the same report (benchmarks/peers.py's
template and content), and the ten imports of a cold
``render`` that take longest (cumulative, the minimum over five ``-X importtime`` runs).

Prints figures; asserts nothing. Run: python benchmarks/startup_speed.py [RUNS]

"Cold" is a new process with the operating system's file cache warm and the bytecode of
reportgen's modules written (as an installed copy has it): each command runs once, without
PYTHONDONTWRITEBYTECODE, before it is timed. The machine is shared: compare minimums taken
in the same minute, and the CPU column when other work is running.
"""

from __future__ import annotations

import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # peer_content, shared with peers.py
ROOT = HERE.parent
EXAMPLE = ROOT / "examples" / "lingling-2022"
PYTHON = sys.executable
SCRIPT = Path(PYTHON).parent / "reportgen"  # the console script a user runs
GOALS_MS = {"reportgen --help": 60.0, "render (cold)": 150.0, "validate (cold)": 120.0}
IMPORT_RUNS = 5


@dataclass(frozen=True)
class Timing:
    """Wall clock and CPU times of N runs of one command, in milliseconds."""

    wall: list[float]
    cpu: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def best(self) -> float:
        return min(self.wall)


def environment() -> dict[str, str]:
    """The caller's environment, with bytecode written (see the module's docstring)."""
    return {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def timed(command: Sequence[str], runs: int, env: dict[str, str]) -> Timing:
    """``command`` run ``runs`` times after one untimed run (which writes missing bytecode)."""
    subprocess.run(command, env=env, capture_output=True, check=False)
    wall, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, env=env, capture_output=True, check=False)
        wall.append((time.perf_counter() - start) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000)
    return Timing(wall, cpu)


def reportgen(*args: str) -> list[str]:
    return [str(SCRIPT), *args] if SCRIPT.exists() else [PYTHON, "-m", "reportgen", *args]


# The docxtpl process: reads the same YAML file (as peers.py's docxtpl side does), renders the
# template with the content reportgen made, and writes the .docx.
DOCXTPL_PROCESS = """\
import json, sys
import yaml
from docxtpl import DocxTemplate, Listing
template, context, data, out = sys.argv[1:]
with open(data, encoding="utf-8") as stream:
    yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
def listed(value):
    if isinstance(value, dict):
        return Listing(value["listing"]) if set(value) == {"listing"} else {k: listed(v) for k, v in value.items()}
    return [listed(v) for v in value] if isinstance(value, list) else value
with open(context, encoding="utf-8") as stream:
    document = DocxTemplate(template)
    document.render(listed(json.load(stream)))
document.save(out)
"""


def docxtpl_command(folder: Path, data: Path) -> tuple[list[str], Path, bytes] | None:
    """A process rendering the example's report with docxtpl: benchmarks/peers.py's template (in
    reportgen's styled base package) and context (the paragraphs and cells reportgen made, so
    docxtpl composes and computes nothing), prepared here, untimed. Returns the command, the
    file it writes and reportgen's report of the same data; None without docxtpl."""
    if importlib.util.find_spec("docxtpl") is None:
        return None
    from peer_content import DOCXTPL_BODY, docxtpl_context, docxtpl_template, read_content

    from reportgen.api import Renderer, load
    from reportgen.docx.write.base import base_package

    renderer = Renderer()
    ours = renderer.render(load(data))
    base = base_package(renderer.stylesheet)
    template, context, out = folder / "template.docx", folder / "context.json", folder / "docxtpl.docx"
    template.write_bytes(docxtpl_template(list(base.members), base.document_xml(DOCXTPL_BODY)))
    made = docxtpl_context(read_content(ours), lambda text: {"listing": text})
    context.write_text(json.dumps(made, ensure_ascii=False), encoding="utf-8")
    return [PYTHON, "-c", DOCXTPL_PROCESS, str(template), str(context), str(data), str(out)], out, ours


def same_content(theirs: Path, ours: bytes) -> bool:
    """Whether docxtpl's file has reportgen's paragraph texts and table cells (peer_content)."""
    from peer_content import read_content, texts

    return theirs.exists() and texts(read_content(theirs.read_bytes())) == texts(read_content(ours))


def slowest_imports(command: Sequence[str], env: dict[str, str], count: int = 10) -> list[tuple[str, float, float]]:
    """The ``count`` imports of ``command`` with the longest cumulative time: (module, cumulative
    ms, self ms), each the minimum over :data:`IMPORT_RUNS` runs of ``python -X importtime``."""
    cumulative: dict[str, float] = {}
    own: dict[str, float] = {}
    for _ in range(IMPORT_RUNS):
        run = subprocess.run([PYTHON, "-X", "importtime", *command], env=env, capture_output=True, text=True)
        for line in run.stderr.splitlines():
            if not line.startswith("import time:") or "[us]" in line:
                continue
            self_us, total_us, name = line.removeprefix("import time:").split("|")
            module = name.strip()
            cumulative[module] = min(cumulative.get(module, float("inf")), int(total_us) / 1000)
            own[module] = min(own.get(module, float("inf")), int(self_us) / 1000)
    ranked = sorted(cumulative, key=lambda module: -cumulative[module])[:count]
    return [(module, cumulative[module], own[module]) for module in ranked]


def goal_text(name: str, timing: Timing) -> str:
    goal = GOALS_MS.get(name)
    if goal is None:
        return ""
    verdict = "met" if timing.median <= goal else f"{timing.median / goal:.2f}× the goal"
    return f"goal ≤ {goal:.0f} ms: {verdict}"


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    env = environment()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        out = folder / "report.docx"
        data = str(EXAMPLE / "data.yaml")
        commands: dict[str, list[str]] = {
            "python -c pass": [PYTHON, "-c", "pass"],
            "reportgen --help": reportgen("--help"),
            "reportgen --version": reportgen("--version"),
            "render (cold)": reportgen("render", data, "-o", str(out), "--force"),
            "validate (cold)": reportgen("validate", data),
            "check (cold, the example's report)": reportgen("check", str(EXAMPLE / "report.docx")),
        }
        peer = docxtpl_command(folder, EXAMPLE / "data.yaml")
        if peer is not None:
            commands["docxtpl process, the same report"] = peer[0]
        print(f"interpreter: {PYTHON}; {runs} fresh processes each, after one untimed run")
        if "PYTHONDONTWRITEBYTECODE" in os.environ:
            print("(PYTHONDONTWRITEBYTECODE is set here: it is left out for the timed processes)")
        print(f"{'command':<52} {'median':>8} {'min':>8} {'net min':>8} {'cpu min':>8}   (ms)")
        base: float | None = None
        timings: dict[str, Timing] = {}
        for name, command in commands.items():
            timing = timed(command, runs, env)
            timings[name] = timing
            base = timing.best if base is None else base
            net = timing.best - base
            print(
                f"{name:<52} {timing.median:8.1f} {timing.best:8.1f} {net:8.1f} {min(timing.cpu):8.1f}   "
                f"{goal_text(name, timing)}"
            )
        if peer is None:
            print("docxtpl is not installed (pip install -e '.[bench]'): no peer process timed")
        else:
            docxtpl = timings["docxtpl process, the same report"]
            render = timings["render (cold)"]
            print(
                f"cold render / docxtpl process: {render.median / docxtpl.median:.2f}× (medians), "
                f"{render.best / docxtpl.best:.2f}× (minimums); docxtpl's texts and cells are reportgen's: "
                f"{'yes' if same_content(peer[1], peer[2]) else 'NO'} (its context: reportgen's content, untimed)"
            )
        print(f"\nslowest imports of a cold render (cumulative; min of {IMPORT_RUNS} -X importtime runs):")
        render_args = ["-m", "reportgen", "render", data, "-o", str(out), "--force"]
        for module, total, own in slowest_imports(render_args, env):
            print(f"  {total:7.1f} ms  (self {own:5.1f})  {module}")


if __name__ == "__main__":
    main()
