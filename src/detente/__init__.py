"""detente: code international news into political events and the relations they add up to."""

__version__ = "0.1.0"
