"""Interview Prep Dashboard: all logic as plain Python, importable without Streamlit."""
