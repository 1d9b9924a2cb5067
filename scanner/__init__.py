"""policyscan: privacy-compliance static analysis for Python.

Data flows one way: paths -> files -> observations -> comparison with the policy
inventory (a pure function) -> findings -> one renderer per output format.
"""

__version__ = "0.1.0"
