import sys

from cskh_org.cli import console

sys.exit(console())
