"""Entry point of the frozen app (PyInstaller runs this file)."""
import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from rnnstudio.gui.app import main

    sys.exit(main())
