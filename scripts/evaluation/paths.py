"""Where the scripts find what is beside the checkout."""

from pathlib import Path

#: The O*NET text database of ``../shared`` (the scripts' default; absent on a user's machine).
SHARED_ONET = Path(__file__).resolve().parents[3] / "shared" / "onet"
