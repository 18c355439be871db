import os
import sys

# Make `import cxone_emulator` work with or without PYTHONPATH=tests/emulator.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
