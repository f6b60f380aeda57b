"""Inside Out: the centre serves the doers and is judged by how useful they find it."""

__version__ = "0.1.0"
