"""Where the tests find the project, its data and the shared corpora."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SEED = ROOT / "seeds" / "000_41fac0b0c36391c2.txt"
SHARED = ROOT.parent / "shared"
UNGDC_DEFAULT = SHARED / "corpora" / "UNGDC_1946-2024.tgz"
