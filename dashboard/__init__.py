"""The Sortie dashboard (Dash + Plotly); nothing is built at import: see `dashboard.app.create_app`."""
