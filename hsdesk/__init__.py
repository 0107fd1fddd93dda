"""hsdesk — the social-media policy desk of Home-Start Oldham Stockport & Tameside."""

from importlib import metadata

try:
    __version__ = metadata.version("hsdesk")
except metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.1.0"

APP_NAME = "hsdesk"
ORG_NAME = "Home-Start"
SCHEME_NAME = "Home-Start Oldham Stockport & Tameside"
