"""`python -m sortie.geodata`: the same command line as `sortie`."""

import sys

from sortie.geodata.cli import main

sys.exit(main())
