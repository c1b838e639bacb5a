"""The one place the version lives; imported by the package root and by run records."""

__version__ = "0.1.0"
