"""kg: knowledge graphs of Chinese high-tech zones and industrial parks."""

__version__ = "0.1.0"
