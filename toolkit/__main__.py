"""``python -m toolkit``: the ``condemn`` command line."""

import sys

from .cli import main

if __name__ == "__main__":  # importing this module (the API reference does) runs nothing
    sys.exit(main())
