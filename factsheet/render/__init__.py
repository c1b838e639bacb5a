"""Views for people: a Markdown write-up and a self-contained HTML page (event.json is for scripts)."""

from factsheet.render.html import render_html
from factsheet.render.markdown import render_markdown

__all__ = ["render_html", "render_markdown"]
