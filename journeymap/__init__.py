"""Journey Map Designer: build customer journey maps live, print them as posters.

The package is layered (see README): ``model`` and ``layout`` know nothing of Qt, ``io`` reads and
writes files over the model, ``widgets`` draw it, ``app`` ties it all into the desktop program.
"""

__version__ = "0.1.0"
