"""Dashboard-side services: what the dashboard records about itself (not upstream data)."""
