"""``python -m toolkit``: the ``condemn`` command line."""

import sys

from .cli import main

sys.exit(main())
