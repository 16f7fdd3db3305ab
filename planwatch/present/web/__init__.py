"""The web app: FastAPI, server-rendered Chinese pages with JSON twins, local assets only."""
