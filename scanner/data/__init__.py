"""Data files shipped with the package (the category taxonomy)."""
