"""The Sortie dashboard (Dash + Plotly); nothing is built at import: see `sortie.dashboard.app.create_app`."""
