"""Streamlit-side plumbing shared by the pages: registry, view state, cached calls, sidebar and components."""
