"""kg: knowledge graphs of Chinese high-tech zones and industrial parks."""

__version__ = "0.1.0"


def __getattr__(name: str):
    """``kg.open(path)`` and ``kg.Graph`` (kg.api), imported on first use."""
    if name in ("open", "Graph"):
        from kg import api

        return getattr(api, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


__all__ = ["open", "Graph", "__version__"]
