"""hsdesk — the social-media policy desk of Home-Start Oldham Stockport & Tameside."""

__version__ = "0.1.0"  # the one place the version is set; pyproject.toml and build.spec read it

APP_NAME = "hsdesk"
ORG_NAME = "Home-Start"
SCHEME_NAME = "Home-Start Oldham Stockport & Tameside"
