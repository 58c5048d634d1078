"""Streamlit widgets shared by every page: cached data, the sidebar filter, and small renderers."""
