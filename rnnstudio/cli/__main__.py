"""``python -m rnnstudio.cli``: what torchrun starts (the README's recipes use it)."""
import sys

from .main import main

sys.exit(main())
