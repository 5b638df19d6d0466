import sys

from cskh_org.cli import main

sys.exit(main())
