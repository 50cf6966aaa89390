"""python -m veille.train COMPONENT [options]"""

import sys

from veille.train.run import main

main(sys.argv[1:])
