"""Exports for HLPF contributions: publication-ready images, self-describing tables, the HLPF pack and its brief."""
