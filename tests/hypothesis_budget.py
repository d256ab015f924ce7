"""How many examples a Hypothesis test tries: its own number, or fewer under mutation testing.

`bench/mutate.py` runs a module's tests once per mutant (about 1,400 times for `make mutate`), so it
sets HANDBOOK_HYPOTHESIS_EXAMPLES to cap every property test's examples, and tests/conftest.py
then loads a derandomized profile, so that each mutant meets the same examples. Unset (CI, a plain
run), every test tries its full number, randomly as usual.
"""

from __future__ import annotations

import os

CAP_VARIABLE = "HANDBOOK_HYPOTHESIS_EXAMPLES"


def examples(wanted: int) -> int:
    """`wanted`, or the cap in HANDBOOK_HYPOTHESIS_EXAMPLES when that is smaller."""
    cap = os.environ.get(CAP_VARIABLE, "").strip()
    return min(wanted, int(cap)) if cap else wanted
