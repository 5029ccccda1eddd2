"""The long fuzzing run: the properties of ``test_properties.py`` with many more examples.

    python tests/fuzz_long.py            # 10,000 examples per property
    python tests/fuzz_long.py 50000      # or as many as you like

It is the same as ``KG_FUZZ_EXAMPLES=10000 pytest tests/test_properties.py``; examples are
drawn at random (not derandomized), so every long run explores new texts.  Not collected by
pytest (its name does not start with ``test_``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    examples = argv[1] if len(argv) > 1 else "10000"
    here = Path(__file__).resolve().parent
    env = {**os.environ, "KG_FUZZ_EXAMPLES": examples}
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", str(here / "test_properties.py"),
           "--hypothesis-show-statistics"]
    return subprocess.call(cmd, env=env, cwd=here.parent)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
